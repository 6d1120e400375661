/**
 * What `luoshi demo` puts into the database on its first start (the sample plan, the demo accounts, the simulated
 * year) and the accounts' passwords beside it; loaded by the command when it runs (demo-command.ts).
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Config } from '../config.js';
import { systemActor } from '../domain/actor.js';
import type { Role } from '../domain/roles.js';
import { importNotice, parseUnitDirectory } from '../importer/index.js';
import { sourceOf } from '../modules/plan/plan-importer.js';
import { storeNotice } from '../modules/plan/plan.service.js';
import { AppError } from '../modules/errors.js';
import { addGovernment } from '../modules/government/government-tree.service.js';
import { listGovernments } from '../modules/government/government.repository.js';
import { listPlans } from '../modules/plan/plan.repository.js';
import { listTasks } from '../modules/task/task.repository.js';
import { generatePassword } from '../modules/user/password.js';
import { findUser } from '../modules/user/user.repository.js';
import { createUser } from '../modules/user/user.service.js';
import { governmentToday } from '../modules/status/calendar.js';
import { simulate, simulationStart } from '../simulate/simulator.js';
import { simulateCascade } from '../simulate/cascade.js';
import { listUsers } from '../modules/user/user.repository.js';
import { openDatabase, FIRST_ADMIN_USERNAME } from '../startup/open.js';
import type { Store } from '../store/connection.js';
import { parseLocation } from '../store/location.js';
import { commandGovernment } from './government-command.js';
import { CliError, dim } from './output.js';
import { progressBar } from './progress.js';

/** samples/ sits two levels above both src/cli and dist/cli. */
const sample = (name: string): URL => new URL(`../../samples/${name}`, import.meta.url);

interface DemoAccount {
  username: string;
  role: Role;
  unitName?: string;
  leaderName?: string;
  displayName: string;
}

type Credentials = Record<string, string>;

/** Beside the SQLite file; for PostgreSQL in ./data. Known before the database is opened, so its folder can be made first. */
function credentialsFile(url: string): string {
  const location = parseLocation(url);
  const folder = location.dialect === 'sqlite' && location.target !== ':memory:' ? dirname(resolve(location.target)) : resolve('data');
  return join(folder, 'demo-accounts.json');
}

function saveCredentials(file: string, saved: Credentials): void {
  writeFileSync(file, `${JSON.stringify(saved, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
}

/**
 * Loads the sample plan and the demo accounts once; returns every demo
 * account's password. A password is never lost: the file's folder is made
 * before anything is created, and each password is saved before its account
 * exists (a password saved for an account that then failed is harmless).
 */
export async function prepareDemo(
  url: string,
  config: Config,
  options: { simulate: boolean; government: string | undefined; counties: number },
): Promise<DemoReady> {
  const file = credentialsFile(url);
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const saved: Credentials = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Credentials) : {};
  const adminPassword = generatePassword(FIRST_ADMIN_USERNAME);
  const opened = await openDatabase(url, { ...config, adminUsername: FIRST_ADMIN_USERNAME, adminPassword: config.adminPassword ?? adminPassword });
  const { store } = opened;
  try {
    if (opened.createdAdmin && config.adminPassword === undefined) {
      saved[FIRST_ADMIN_USERNAME] = adminPassword;
      saveCredentials(file, saved);
    }
    const governmentId = (await demoGovernment(store, opened.governmentId, options.government)).id;
    // The first government's office signs in as admin (the first administrator); another's has an account of its own.
    const suffix = governmentId === opened.governmentId ? '' : `-${governmentId}`;
    const loaded = await loadSamplePlan(store, governmentId);
    for (const account of await demoAccounts(store, governmentId, suffix)) {
      if (await findUser(store.db, governmentId, { username: account.username })) continue;
      const password = generatePassword(account.username);
      saved[account.username] = password;
      saveCredentials(file, saved);
      await createUser(store.db, systemActor(governmentId, 'demo'), { ...account, password });
    }
    const keep = (username: string): string => {
      const password = generatePassword(username);
      saved[username] = password;
      saveCredentials(file, saved);
      return password;
    };
    if (loaded && options.simulate) await simulateYear(store, governmentId, options.counties, keep);
    saveCredentials(file, saved);
    return { credentials: saved, file, suffix, lower: await lowerOffices(store, governmentId) };
  } finally {
    await store.close();
  }
}

export interface DemoReady {
  credentials: Credentials;
  file: string;
  /** Ends the demo accounts' usernames of a government other than the first (-2…); empty for the first. */
  suffix: string;
  /** The governments below the demo's and their offices' accounts. */
  lower: { name: string; username: string }[];
}

/** The offices of the governments below the demo's (the cascade's), in the order they were added. */
async function lowerOffices(store: Store, governmentId: number): Promise<{ name: string; username: string }[]> {
  const out: { name: string; username: string }[] = [];
  for (const g of (await listGovernments(store.db)).filter((x) => x.parentId === governmentId)) {
    const office = (await listUsers(store.db, g.id)).find((u) => u.role === 'office' && !u.disabled);
    if (office) out.push({ name: g.name, username: office.username });
  }
  return out;
}

/**
 * The demo plan's year from its notice up to today (the whole year once it is over); nothing before the notice.
 * With `counties`, governments below take up its tasks (their offices' passwords kept by `keep`).
 */
async function simulateYear(store: Store, governmentId: number, counties: number, keep: (username: string) => string): Promise<void> {
  const [plan] = await listPlans(store.db, governmentId);
  const today = governmentToday();
  if (!plan) return;
  const { from } = simulationStart(plan);
  if (today < from) return;
  const until = today > `${plan.year}-12-31` ? `${plan.year}-12-31` : today;
  process.stderr.write(dim(`正在生成演示数据：模拟 ${from} 至 ${until} 的督查过程（仅首次启动，约需半分钟）\n`));
  const bar = progressBar('模拟', process.stderr, () => Date.now(), '天');
  const options = { until, seed: plan.year, planId: plan.id, onProgress: (done: number, total: number) => bar.update(done, total) };
  if (counties > 0) await simulateCascade(store.db, governmentId, { ...options, counties, officePassword: keep });
  else await simulate(store.db, governmentId, options);
  bar.finish();
}

/** Loads the sample plan into an empty database; false when a plan is there already. */
async function loadSamplePlan(store: Store, governmentId: number): Promise<boolean> {
  if ((await listPlans(store.db, governmentId)).length > 0) return false;
  const directory = parseUnitDirectory(readFileSync(sample('units.json'), 'utf8'));
  const bytes = new Uint8Array(readFileSync(sample('notice.txt')));
  const plan = await importNotice(bytes, { directory });
  const actor = systemActor(governmentId, 'demo');
  await storeNotice(store.db, actor, { plan, directory, source: sourceOf('notice.txt', bytes) });
  return true;
}

/** The government named (added at the top when missing), else the only one. */
async function demoGovernment(store: Store, firstId: number, name: string | undefined): Promise<{ id: number }> {
  if (name !== undefined && !(await listGovernments(store.db)).some((g) => g.name === name.normalize('NFC').trim())) {
    try {
      return await addGovernment(store.db, systemActor(firstId, 'demo'), { name });
    } catch (err) {
      if (err instanceof AppError && err.status < 500) throw new CliError(err.message);
      throw err;
    }
  }
  return commandGovernment(store.db, name);
}

/**
 * One account per role, each username ending in `suffix`; the unit accounts belong to the host of the first task,
 * the leader leads it. With a suffix (a government other than the first) an office account too.
 */
async function demoAccounts(store: Store, governmentId: number, suffix: string): Promise<DemoAccount[]> {
  const [first] = await listTasks(store.db, governmentId);
  const unitName = first?.hostUnits[0]?.name;
  const leaderName = first?.leaders[0]?.name;
  const accounts: DemoAccount[] = [
    { username: 'leader', role: 'leader', displayName: leaderName ?? '演示领导', ...(leaderName ? { leaderName } : {}) },
    { username: 'observer', role: 'observer', displayName: '演示观察员' },
    { username: 'sysadmin', role: 'sysadmin', displayName: '系统管理员' },
    { username: 'secadmin', role: 'secadmin', displayName: '安全管理员' },
    { username: 'auditor', role: 'auditor', displayName: '审计管理员' },
  ];
  if (unitName) {
    accounts.splice(
      1,
      0,
      { username: 'head', role: 'head', displayName: `${unitName}负责人`, unitName },
      { username: 'liaison', role: 'liaison', displayName: `${unitName}联络员`, unitName },
    );
  }
  if (suffix !== '') accounts.unshift({ username: FIRST_ADMIN_USERNAME, role: 'office', displayName: '督查室' });
  return accounts.map((a) => ({ ...a, username: `${a.username}${suffix}` }));
}
