/**
 * Notices of other governments mark hosts and number tasks differently. Each
 * fixture is a short notice in one convention with the owners a person reads
 * in it; the importer must read the same.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importNotice } from '../../src/importer/index.js';
import { repoRoot } from '../helpers/paths.js';

const dir = `${repoRoot}test/fixtures/conventions/`;
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => f.replace(/\.txt$/, ''));

interface Expected {
  tasks: { number: number; section: string | null; leaders: string[]; hostUnits: string[]; coUnits: string[] }[];
  /** Tasks whose lead the notice leaves open: the importer says so (host_guess) instead of guessing silently. */
  guesses?: number[];
}

describe('conventions of other notices', () => {
  it('has fixtures', () => expect(names.length).toBeGreaterThanOrEqual(4));

  for (const name of names) {
    it(`reads the owners in ${name}.txt`, async () => {
      const plan = await importNotice(new Uint8Array(readFileSync(`${dir}${name}.txt`)));
      const expected = JSON.parse(readFileSync(`${dir}${name}.expected.json`, 'utf8')) as Expected;
      const got = plan.tasks.map(({ number, section, leaders, hostUnits, coUnits }) => ({ number, section, leaders, hostUnits, coUnits }));
      expect(got).toEqual(expected.tasks);
      expect(plan.warnings.filter((w) => w.code === 'host_conflict')).toEqual([]);
      if (expected.guesses) expect(plan.warnings.filter((w) => w.code === 'host_guess').map((w) => w.task)).toEqual(expected.guesses);
    });
  }
});
