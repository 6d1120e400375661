/** A plan of its own for the archive routes' cases: archiving the fixture's plan would close it to every later case. */
import { uniqueName, type ApiFixture } from '../api-fixture.js';

export async function sparePlan(fx: ApiFixture, archived: boolean): Promise<{ id: number; version: number }> {
  const now = new Date().toISOString();
  const row = await fx.store.db
    .insertInto('plans')
    .values({
      government_id: fx.governmentId,
      year: 2020,
      title: uniqueName('矩阵用分解方案'),
      current_version: 1,
      created_at: now,
      updated_at: now,
      ...(archived ? { archived_at: now, archive_reason: '矩阵用' } : {}),
    })
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow();
  return row;
}
