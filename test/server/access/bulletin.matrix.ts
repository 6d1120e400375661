/**
 * Access matrix variants of the bulletin routes (通报); merged into
 * test/server/matrix.test.ts through areas.ts. The rules, from the table in
 * src/modules/auth/actions.ts:
 *
 * - bulletin.read: the office, every bulletin; the leaders, heads, liaisons and observers, issued ones only;
 * - bulletin.write: the office, drafts only (an issued bulletin is never rewritten);
 * - bulletin.issue: the office, a draft;
 * - the three administrators have no part in bulletins.
 */
import { systemActor } from '../../../src/domain/actor.js';
import { bulletinService } from '../../../src/modules/bulletin/bulletin.service.js';
import { testFiles } from '../../helpers/files.js';
import type { ApiFixture } from '../api-fixture.js';
import type { SignedIn, Variant } from './matrix-rules.js';

const office = (who: SignedIn): boolean => who === 'office';
const readIssued = (who: SignedIn): boolean => ['office', 'leader', 'headA', 'liaisonA', 'liaisonB', 'observer'].includes(who);
const nobody = (): boolean => false;

/** A new bulletin of the fixture's plan for March, made behind the API; issued with stand-in files (the renderer's own tests open real ones) in the app's file store. */
export async function bulletinIn(fx: ApiFixture, status: 'draft' | 'issued'): Promise<{ id: number; version: number }> {
  const operator = systemActor(fx.governmentId, 'test-operator');
  const draft = await bulletinService.createDraft(fx.store.db, operator, { planId: fx.planId, period: '2026-03' });
  if (status === 'draft') return { id: draft.id, version: draft.version };
  const bytes = new TextEncoder().encode(`stand-in for bulletin ${draft.id}`);
  const issued = await bulletinService.issue(fx.store.db, operator, draft.id, draft.version, {
    files: testFiles(fx.store),
    render: () => Promise.resolve(bytes),
    convert: () => Promise.resolve(bytes),
  });
  return { id: issued.id, version: issued.version };
}

const on = (status: 'draft' | 'issued', suffix: string, allowed: (who: SignedIn) => boolean, body?: (version: number) => unknown): Variant => ({
  object: status === 'draft' ? 'a bulletin draft' : 'an issued bulletin',
  request: async ({ fx }) => {
    const b = await bulletinIn(fx, status);
    return { url: `/api/bulletins/${b.id}${suffix}`, ...(body === undefined ? {} : { body: body(b.version) }) };
  },
  allowed,
  ...(status === 'draft' && body !== undefined ? { audited: true as const } : {}),
});

export const MATRIX: Record<string, Variant[]> = {
  'GET /api/bulletins': [{ request: ({ fx }) => ({ url: `/api/bulletins?planId=${fx.planId}` }), allowed: readIssued }],
  // The ladder and matrix types know 200 and 204; a new draft is 201 Created.
  'POST /api/bulletins': [
    { request: ({ fx }) => ({ url: '/api/bulletins', body: { planId: fx.planId, period: '2026-03' } }), allowed: office, audited: true, success: 201 },
  ],
  'GET /api/bulletins/:id': [on('issued', '', readIssued), on('draft', '', office)],
  'PATCH /api/bulletins/:id': [
    on('draft', '', office, (version) => ({ version, remarks: '请各单位抓紧推进。' })),
    on('issued', '', nobody, (version) => ({ version, remarks: '改写已印发的通报' })),
  ],
  'POST /api/bulletins/:id/issue': [on('draft', '/issue', office, (version) => ({ version })), on('issued', '/issue', nobody, (version) => ({ version }))],
  'GET /api/bulletins/:id/docx': [on('issued', '/docx', readIssued), on('draft', '/docx', office)],
  'GET /api/bulletins/:id/pdf': [on('issued', '/pdf', readIssued)],
};
