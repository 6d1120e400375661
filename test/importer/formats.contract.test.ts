/**
 * One contract for every format: the project's sample notice as text (with
 * PDF-conversion damage), as a Word document and as an Excel decomposition
 * table gives the same plan, and that plan is the one the sample was written
 * to hold (scripts/sample-data.ts).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Plan, Task } from '../../src/domain/plan.js';
import { importNotice } from '../../src/importer/index.js';
import { parseUnitDirectory } from '../../src/importer/units.js';
import { EXPECTED_PLAN, EXPECTED_UNKNOWN_UNITS, EXPECTED_XLSX_PLAN } from '../../scripts/sample-data.js';
import { samplePath } from '../helpers/paths.js';

const formats = ['txt', 'docx', 'xlsx'] as const;
const read = (format: string): Uint8Array => new Uint8Array(readFileSync(samplePath(`notice.${format}`)));
const directory = parseUnitDirectory(readFileSync(samplePath('units.json'), 'utf8'));

/** What must not differ between formats: everything but where it was read from and how. */
const essence = (t: Task) => ({
  number: t.number,
  section: t.section,
  text: t.text,
  leaders: t.leaders,
  hostUnits: t.hostUnits,
  coUnits: t.coUnits,
  targets: t.targets,
  projects: t.projects,
  deadline: t.deadline,
});

const plans = new Map<string, Plan>();
beforeAll(async () => {
  for (const f of formats) plans.set(f, await importNotice(read(f)));
});
const plan = (f: string): Plan => plans.get(f) as Plan;

describe.each(formats)('the sample notice as .%s', (format) => {
  const expected = format === 'xlsx' ? EXPECTED_XLSX_PLAN : EXPECTED_PLAN;

  it('reads the identity of the notice', () => {
    const { docNumber, issuer, date, year, title } = plan(format);
    expect({ docNumber, issuer, date, year, title }).toEqual({
      docNumber: expected.docNumber,
      issuer: expected.issuer,
      date: expected.date,
      year: expected.year,
      title: expected.title,
    });
  });

  it('reads the headline targets', () => {
    const got = plan(format).headlineTargets.map(({ metric, kind, value, unit }) => ({ metric, kind, value, unit }));
    expect(got).toEqual(expected.headlineTargets.map(({ metric, kind, value, unit }) => ({ metric, kind, value, unit })));
  });

  it('finds every task with its section, leaders, hosts and co-units', () => {
    const got = plan(format).tasks.map((t) => ({
      number: t.number,
      section: t.section,
      leaders: t.leaders,
      hostUnits: t.hostUnits,
      coUnits: t.coUnits,
    }));
    expect(got).toEqual(expected.tasks.map((t) => ({ number: t.number, section: t.section, leaders: t.leaders, hostUnits: t.hostUnits, coUnits: t.coUnits })));
  });

  it('finds the sections that hold tasks, with their titles', () => {
    const used = new Set(plan(format).tasks.map((t) => t.section));
    const got = plan(format).sections.filter((s) => used.has(s.number));
    expect(got).toEqual(expected.sections.filter((s) => used.has(s.number)));
  });

  it('reads each marked target with its kind', () => {
    for (const t of expected.tasks) {
      const found = plan(format).tasks.find((x) => x.number === t.number)?.targets ?? [];
      for (const target of t.targets) {
        const hit = found.find((f) => target.text.includes(f.text) || f.text.includes(target.text));
        expect(hit, `task ${t.number}: ${target.text}`).toBeDefined();
        expect(hit?.kind, `task ${t.number}: ${target.text}`).toBe(target.kind);
      }
    }
  });

  it('reads the deadlines', () => {
    expect(plan(format).tasks.map((t) => t.deadline)).toEqual(expected.tasks.map((t) => t.deadline));
  });

  it('resolves short names through the unit directory and flags the unknown one', async () => {
    const resolved = await importNotice(read(format), { directory });
    const unknown = resolved.warnings.filter((w) => w.code === 'unknown_unit').map((w) => w.message);
    expect(unknown).toHaveLength(EXPECTED_UNKNOWN_UNITS.length);
    EXPECTED_UNKNOWN_UNITS.forEach((name, i) => expect(unknown[i]).toContain(name));
    const all = resolved.tasks.flatMap((t) => [...t.hostUnits, ...t.coUnits]);
    const known = new Set([...directory.units.map((u) => u.name), ...(directory.groups ?? []).map((g) => g.name), ...EXPECTED_UNKNOWN_UNITS]);
    expect(all.filter((u) => !known.has(u))).toEqual([]);
  });
});

describe('every format gives the same plan', () => {
  it.each(['docx', 'xlsx'])('.%s equals .txt task by task', (format) => {
    expect(plan(format).tasks.map(essence)).toEqual(plan('txt').tasks.map(essence));
  });

  it('flags the one task whose bold covers the whole unit list (prose formats)', () => {
    for (const f of ['txt', 'docx']) {
      const conflicts = plan(f).warnings.filter((w) => w.code === 'host_conflict');
      expect(conflicts, f).toHaveLength(1);
    }
  });
});
