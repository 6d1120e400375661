/**
 * `npm run bench:import`: milliseconds per notice and MB/s of the importer on
 * the seed notice (and the project's samples), after warm-up, in one process;
 * the seed also as a PDF written by LibreOffice (when installed), read through
 * pdfjs. Prints a Markdown table for BENCHMARKS.md.
 *
 * BENCH_BASELINE=DIR (a checkout of an earlier commit, with its node_modules)
 * also runs that checkout's importer in the same process, alternately with
 * this one, notice by notice: the two are compared under the same load.
 */
import { existsSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { convertDocument } from '../src/documents/libreoffice.js';
import { importNotice } from '../src/importer/index.js';
import { parseUnitDirectory } from '../src/importer/units.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const seed = fileURLToPath(new URL('../../shared/seeds/000_61d97df5f635043b.txt', import.meta.url));
const directory = parseUnitDirectory(readFileSync(`${root}samples/units.json`, 'utf8'));

const file = (path: string): Uint8Array => new Uint8Array(readFileSync(path));
/** The seed as a PDF, as an office would publish it; null without LibreOffice. */
const seedPdf = existsSync(seed)
  ? await convertDocument(file(seed), 'txt', 'pdf', {
      infilter: 'Text (encoded):UTF8',
      ...(process.env.LUOSHI_SOFFICE ? { soffice: process.env.LUOSHI_SOFFICE } : {}),
    })
  : null;

const inputs: { name: string; bytes: Uint8Array; withDirectory: boolean }[] = [
  ...(existsSync(seed) ? [{ name: 'seed notice (.txt)', bytes: file(seed), withDirectory: false }] : []),
  ...(seedPdf ? [{ name: 'seed notice (.pdf, LibreOffice)', bytes: seedPdf, withDirectory: false }] : []),
  { name: 'sample notice (.txt)', bytes: file(`${root}samples/notice.txt`), withDirectory: true },
  { name: 'sample notice (.docx)', bytes: file(`${root}samples/notice.docx`), withDirectory: true },
  { name: 'sample table (.xlsx)', bytes: file(`${root}samples/notice.xlsx`), withDirectory: true },
];

async function measure(bytes: Uint8Array, withDirectory: boolean): Promise<number[]> {
  const options = withDirectory ? { directory } : {};
  const deadline = performance.now() + 300;
  while (performance.now() < deadline) await importNotice(bytes, options); // warm-up
  const samples: number[] = [];
  const end = performance.now() + 2000;
  while (performance.now() < end || samples.length < 20) {
    const t0 = performance.now();
    await importNotice(bytes, options);
    samples.push(performance.now() - t0);
  }
  return samples.sort((a, b) => a - b);
}

const pct = (xs: number[], p: number): number => xs[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? NaN;

type Importer = typeof importNotice;

/** This importer and the baseline's, alternately on one notice: their medians. */
async function sideBySide(baseline: Importer, bytes: Uint8Array, withDirectory: boolean): Promise<{ runs: number; before: number; after: number }> {
  const options = withDirectory ? { directory } : {};
  const deadline = performance.now() + 300;
  while (performance.now() < deadline) {
    await baseline(bytes, options);
    await importNotice(bytes, options);
  }
  const before: number[] = [];
  const after: number[] = [];
  const end = performance.now() + 4000;
  while (performance.now() < end || before.length < 20) {
    let t0 = performance.now();
    await baseline(bytes, options);
    before.push(performance.now() - t0);
    t0 = performance.now();
    await importNotice(bytes, options);
    after.push(performance.now() - t0);
  }
  return {
    runs: before.length,
    before: pct(
      before.sort((a, b) => a - b),
      0.5,
    ),
    after: pct(
      after.sort((a, b) => a - b),
      0.5,
    ),
  };
}

const baselineDir = process.env.BENCH_BASELINE;
if (baselineDir) {
  const baseline = ((await import(`${baselineDir.replace(/\/$/, '')}/src/importer/index.ts`)) as { importNotice: Importer }).importNotice;
  console.log(`node ${process.version}, ${new Date().toISOString().slice(0, 10)}, side by side with ${baselineDir}`);
  console.log('| input | runs | baseline median ms | median ms | change |');
  console.log('|---|---:|---:|---:|---:|');
  for (const input of inputs) {
    const readable = await baseline(input.bytes, input.withDirectory ? { directory } : {}).then(
      () => true,
      () => false,
    );
    if (!readable) {
      console.log(`| ${input.name} | — | not read | — | — |`);
      continue;
    }
    const r = await sideBySide(baseline, input.bytes, input.withDirectory);
    const change = ((r.after / r.before - 1) * 100).toFixed(1);
    console.log(`| ${input.name} | ${r.runs} | ${r.before.toFixed(3)} | ${r.after.toFixed(3)} | ${Number(change) > 0 ? '+' : ''}${change} % |`);
  }
  process.exit(0);
}

console.log(`node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
console.log('| input | size | runs | median ms | p95 ms | MB/s (median) |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const input of inputs) {
  const bytes = input.bytes;
  const xs = await measure(bytes, input.withDirectory);
  const median = pct(xs, 0.5);
  const mbs = bytes.length / 1048576 / (median / 1000);
  console.log(
    `| ${input.name} | ${(bytes.length / 1024).toFixed(1)} kB | ${xs.length} | ${median.toFixed(3)} | ${pct(xs, 0.95).toFixed(3)} | ${mbs.toFixed(1)} |`,
  );
}
