/**
 * A report saved many times: the answer to each save carries the newest 20
 * edits and every other step of its timeline, with the count of all of them,
 * so that its size stops growing with the history; GET /api/reports/:id still
 * has the whole timeline. On both databases.
 */
import { expect, it } from 'vitest';
import { RECENT_EDITS } from '../../src/modules/report/report-steps.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { call, signInEveryone, useApiFixture } from './api-fixture.js';

interface Detail {
  version: number;
  events: { id: number; action: string; comment: string | null }[];
  eventCount: number;
}

describeEachDatabase('a report edit answers with its recent history', (getUrl) => {
  const fixture = useApiFixture(getUrl);

  it('keeps the newest edits and every other step, and counts them all', async () => {
    const fx = fixture();
    const s = await signInEveryone(fx.app);
    const id = fx.reports.a;
    const get = async (): Promise<Detail> => (await call(fx.app, s.office, 'GET', `/api/reports/${id}`)).json<Detail>();
    let version = (await get()).version;
    const edit = async (n: number): Promise<Detail> => {
      const res = await call(fx.app, s.liaisonA, 'PATCH', `/api/reports/${id}`, {
        version,
        progress: `第 ${n} 次修改`,
        confidence: 'on_track',
      });
      expect(res.statusCode, res.body).toBe(200);
      const answer = res.json<Detail>();
      version = answer.version;
      return answer;
    };
    const before = (await get()).eventCount;
    let sizes: number[] = [];
    let last: Detail | undefined;
    for (let n = 1; n <= RECENT_EDITS + 6; n++) {
      last = await edit(n);
      sizes.push(JSON.stringify(last).length);
    }
    if (!last) throw new Error('no edit');
    const all = await get();
    expect(all.eventCount).toBe(before + RECENT_EDITS + 6);
    expect(all.events).toHaveLength(all.eventCount);
    expect(last.eventCount).toBe(all.eventCount);
    const edits = last.events.filter((e) => e.action === 'edit');
    expect(edits).toHaveLength(RECENT_EDITS);
    // The newest edits, in order, and every step that is not an edit.
    expect(edits.map((e) => e.id)).toEqual(
      all.events
        .filter((e) => e.action === 'edit')
        .slice(-RECENT_EDITS)
        .map((e) => e.id),
    );
    expect(last.events.filter((e) => e.action !== 'edit')).toEqual(all.events.filter((e) => e.action !== 'edit'));
    // Past the first RECENT_EDITS saves the answer no longer grows (the progress text's digits aside).
    sizes = sizes.slice(RECENT_EDITS);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThan(16);
  });
});
