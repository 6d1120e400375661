/**
 * The baseline of the write benchmark: how many single-row transactions the
 * database itself commits per second, one after the other, durably.
 *
 * - `commit-rate.ts sqlite FILE SECONDS`: better-sqlite3 on a new file in WAL
 *   mode with synchronous=FULL (as Luoshi opens it), one INSERT per
 *   transaction: each commit waits for its fsync, which is the disk's limit.
 * - `commit-rate.ts postgres URL SECONDS`: one connection (pg), one INSERT
 *   per statement (autocommit), synchronous_commit as the server has it.
 *
 * Prints `commits <n> seconds <s> rate <per second>`.
 */
import SQLite from 'better-sqlite3';
import pg from 'pg';

const [kind, target, secondsText] = process.argv.slice(2);
if ((kind !== 'sqlite' && kind !== 'postgres') || !target || !secondsText) throw new Error('usage: commit-rate.ts sqlite|postgres FILE|URL SECONDS');
const seconds = Number(secondsText);
const payload = 'x'.repeat(200);

async function measure(commit: (n: number) => unknown): Promise<void> {
  const until = performance.now() + seconds * 1000;
  const start = performance.now();
  let n = 0;
  while (performance.now() < until) await commit(n++);
  const elapsed = (performance.now() - start) / 1000;
  process.stdout.write(`commits ${n} seconds ${elapsed.toFixed(2)} rate ${(n / elapsed).toFixed(1)}\n`);
}

if (kind === 'sqlite') {
  const db = new SQLite(target);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  if (db.pragma('synchronous', { simple: true }) !== 2) throw new Error('synchronous=FULL not set');
  db.exec('CREATE TABLE rows (id INTEGER PRIMARY KEY, n INTEGER NOT NULL, body TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO rows (n, body) VALUES (?, ?)');
  const one = db.transaction((n: number) => insert.run(n, payload));
  await measure((n) => one(n));
  db.close();
} else {
  const client = new pg.Client({ connectionString: target });
  await client.connect();
  await client.query('CREATE TABLE bench_commit_rate (id serial PRIMARY KEY, n integer NOT NULL, body text NOT NULL)');
  await measure((n) => client.query('INSERT INTO bench_commit_rate (n, body) VALUES ($1, $2)', [n, payload]));
  await client.query('DROP TABLE bench_commit_rate');
  await client.end();
}
