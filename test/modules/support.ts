/** Shared pieces of the account tests: a clock the test moves, and an opened store with a unit to work in. */
import { systemActor, type Actor } from '../../src/domain/actor.js';
import type { AuditRow } from '../../src/store/schema.js';
import type { Tx } from '../../src/store/tx.js';
import { openDatabase, type OpenedDatabase } from '../../src/startup/open.js';
import { insertUnit, setAlias } from '../../src/modules/unit/unit.repository.js';

export const ADMIN_PASSWORD = 'Adm1n-Test-Passw0rd';
export const GOOD_PASSWORD = 'Lu0shi-Str0ng-pass';
export const OTHER_PASSWORD = 'An0ther!Secret-42';

export interface TestClock {
  (): Date;
  advance(ms: number): void;
  set(iso: string): void;
}

export function movableClock(start = '2027-03-01T08:00:00.000Z'): TestClock {
  let now = Date.parse(start);
  const clock = (() => new Date(now)) as TestClock;
  clock.advance = (ms) => {
    now += ms;
  };
  clock.set = (iso) => {
    now = Date.parse(iso);
  };
  return clock;
}

export const minutes = (n: number): number => n * 60_000;

/** Opens the test database quietly, with a known first administrator. */
export function openTestDatabase(url: string): Promise<OpenedDatabase> {
  return openDatabase(url, { adminUsername: 'admin', adminPassword: ADMIN_PASSWORD, notice: () => undefined });
}

export const operator = (governmentId: number): Actor => systemActor(governmentId, 'test-operator');

/** A unit with an alias, for accounts that must belong to one. */
export async function addUnit(db: Tx, governmentId: number, name: string, alias?: string): Promise<number> {
  const now = new Date().toISOString();
  const id = await insertUnit(db, governmentId, name, 'department', now);
  if (alias !== undefined) await setAlias(db, governmentId, alias, id, undefined);
  return id;
}

export async function auditRows(db: Tx, action: string, objectId?: number): Promise<AuditRow[]> {
  let q = db.selectFrom('audit_log').selectAll().where('action', '=', action);
  if (objectId !== undefined) q = q.where('object_id', '=', String(objectId));
  return q.orderBy('seq').execute();
}
