/**
 * A city and two counties in one deployment (ADR 0031): the city named by `government add`'s rule (the unnamed
 * government of a new install takes the first name), the counties below it, the project's sample notice
 * imported into the city, and accounts in each government: every role in the city, an office, a leader, a unit
 * head and liaison and an observer in the first county, an office in the second. Requests go in-process.
 */
import { readFileSync } from 'node:fs';
import { systemActor } from '../../src/domain/actor.js';
import type { Role } from '../../src/domain/roles.js';
import { addGovernment } from '../../src/modules/government/government-tree.service.js';
import type { GovernmentNode } from '../../src/modules/government/government.repository.js';
import { commitImport } from '../../src/modules/plan/plan.service.js';
import { listTasks } from '../../src/modules/task/task.repository.js';
import type { LedgerTask } from '../../src/modules/task/task.model.js';
import { createUnit } from '../../src/modules/unit/unit.service.js';
import { listLeaders } from '../../src/modules/leader/leader.repository.js';
import { createUser } from '../../src/modules/user/user.service.js';
import { buildApp, type App } from '../../src/server/app.js';
import type { Store } from '../../src/store/connection.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/startup/open.js';
import { checkAnswersAgainstSchemas } from '../helpers/answer-check.js';
import { testFiles } from '../helpers/files.js';
import { samplePath } from '../helpers/paths.js';
import { ADMIN, LEADER, signIn, type Session } from './api-fixture.js';

export const CITY = '云川市人民政府';
export const COUNTY_A = '东岭县人民政府';
export const COUNTY_B = '西坪县人民政府';
export const COUNTY_UNIT = '东岭县发展和改革局';
export const COUNTY_LEADER = '罗清远';

export type Place = 'city' | 'countyA' | 'countyB';

export interface GovPerson {
  key: string;
  place: Place;
  role: Role;
  username: string;
  password: string;
  unitName?: string;
  leaderName?: string;
}

const pw = (n: number): string => `Gv-${String(n).padStart(2, '0')}-Strong!Pass9`;

/** Everyone, keyed by place and role. */
export const GOV_PEOPLE: readonly GovPerson[] = [
  { key: 'cityOffice', place: 'city', role: 'office', username: 'yc_dcs', password: pw(1) },
  { key: 'cityLeader', place: 'city', role: 'leader', username: 'yc_ld', password: pw(2), leaderName: LEADER },
  { key: 'cityHead', place: 'city', role: 'head', username: 'yc_head', password: pw(3), unitName: '区工业和信息化局' },
  { key: 'cityLiaison', place: 'city', role: 'liaison', username: 'yc_lly', password: pw(4), unitName: '区工业和信息化局' },
  { key: 'cityObserver', place: 'city', role: 'observer', username: 'yc_gcy', password: pw(5) },
  { key: 'citySysadmin', place: 'city', role: 'sysadmin', username: 'yc_xt', password: pw(6) },
  { key: 'citySecadmin', place: 'city', role: 'secadmin', username: 'yc_aq', password: pw(7) },
  { key: 'cityAuditor', place: 'city', role: 'auditor', username: 'yc_sj', password: pw(8) },
  { key: 'aOffice', place: 'countyA', role: 'office', username: 'dl_dcs', password: pw(11) },
  { key: 'aLeader', place: 'countyA', role: 'leader', username: 'dl_ld', password: pw(12), leaderName: COUNTY_LEADER },
  { key: 'aHead', place: 'countyA', role: 'head', username: 'dl_head', password: pw(13), unitName: COUNTY_UNIT },
  { key: 'aLiaison', place: 'countyA', role: 'liaison', username: 'dl_lly', password: pw(14), unitName: COUNTY_UNIT },
  { key: 'aObserver', place: 'countyA', role: 'observer', username: 'dl_gcy', password: pw(15) },
  { key: 'bOffice', place: 'countyB', role: 'office', username: 'xp_dcs', password: pw(21) },
];

export interface GovernmentsFixture {
  app: App;
  store: Store;
  governments: Record<Place, GovernmentNode>;
  /** The city's task 1 (二/1 of the sample notice), and its targets. */
  cityTask: LedgerTask;
  cityTasks: LedgerTask[];
  countyUnitId: number;
  countyLeaderId: number;
  userIds: Record<string, number>;
  signIn(key: string): Promise<Session>;
  close(): Promise<void>;
}

export async function createGovernmentsFixture(url: string, options: { clock?: () => Date } = {}): Promise<GovernmentsFixture> {
  const { store, governmentId } = await openDatabase(url, {
    adminUsername: ADMIN.username,
    adminPassword: ADMIN.password,
    notice: () => undefined,
    audit: loadConfig(process.env).audit,
  });
  try {
    const cli = systemActor(governmentId, 'test-operator');
    const city = await addGovernment(store.db, cli, { name: CITY });
    const countyA = await addGovernment(store.db, cli, { name: COUNTY_A, parentName: CITY });
    const countyB = await addGovernment(store.db, cli, { name: COUNTY_B, parentName: CITY });
    const governments = { city, countyA, countyB };
    const bytes = new Uint8Array(readFileSync(samplePath('notice.txt')));
    const units = readFileSync(samplePath('units.json'), 'utf8');
    const imported = await commitImport(store, systemActor(city.id, 'test-operator'), { fileName: 'notice.txt', bytes, units });
    const countyActor = systemActor(countyA.id, 'test-operator');
    const unit = await createUnit(store.db, countyActor, { name: COUNTY_UNIT });
    const userIds: Record<string, number> = {};
    for (const p of GOV_PEOPLE) {
      const user = await createUser(store.db, systemActor(governments[p.place].id, 'test-operator'), {
        username: p.username,
        role: p.role,
        password: p.password,
        ...(p.unitName === undefined ? {} : { unitName: p.unitName }),
        ...(p.leaderName === undefined ? {} : { leaderName: p.leaderName }),
      });
      userIds[p.key] = user.id;
    }
    // A leader's account brings its leader into the county's directory.
    const leader = (await listLeaders(store.db, countyA.id)).find((l) => l.name === COUNTY_LEADER);
    if (!leader) throw new Error('the county leader was not created');
    const cityTasks = await listTasks(store.db, city.id, { planId: imported.planId });
    const cityTask = cityTasks[0];
    if (!cityTask) throw new Error('the sample notice has no tasks');
    const app = await buildApp({ store, governmentId: city.id, files: testFiles(store), ...(options.clock ? { clock: options.clock } : {}) });
    checkAnswersAgainstSchemas(app);
    await app.ready();
    return {
      app,
      store,
      governments,
      cityTask,
      cityTasks,
      countyUnitId: unit.id,
      countyLeaderId: leader.id,
      userIds,
      signIn: (key) => {
        const p = GOV_PEOPLE.find((x) => x.key === key);
        if (!p) throw new Error(`no person ${key}`);
        return signIn(app, p.username, p.password);
      },
      close: async () => {
        await app.close();
        await store.close();
      },
    };
  } catch (err) {
    await store.close();
    throw err;
  }
}
