/** Units (with aliases and group members) and lead leaders; the office keeps the directory. */
import type { App, AppDeps } from '../../server/app.js';
import { IdParams, errorResponses } from '../../server/http-schema.js';
import { actorOf } from '../../server/request-actor.js';
import { LeaderListSchema } from '../leader/leader.schema.js';
import { leadersOf } from '../leader/leader.service.js';
import { NewUnit, UnitAliasesBody, UnitListSchema, UnitMembersBody, UnitPatch, UnitViewSchema } from './unit.schema.js';
import { changeUnit, createUnit, setGroupMembers, setUnitAliases, unitsOf } from './unit.service.js';

export function unitRoutes(app: App, deps: AppDeps): void {
  const db = deps.store.db;
  app.get(
    '/api/units',
    {
      config: { policy: { action: 'ledger.read' } },
      schema: { tags: ['单位'], summary: '单位列表（含简称和单位组成员）', response: { 200: UnitListSchema, ...errorResponses } },
    },
    async (request) => ({ items: await unitsOf(db, actorOf(request)) }),
  );

  app.post(
    '/api/units',
    {
      config: { policy: { action: 'unit.manage' } },
      schema: { tags: ['单位'], summary: '新增单位', body: NewUnit, response: { 200: UnitViewSchema, ...errorResponses } },
    },
    async (request) => createUnit(db, actorOf(request), request.body, deps.clock),
  );

  app.patch(
    '/api/units/:id',
    {
      config: { policy: { action: 'unit.manage' } },
      schema: {
        tags: ['单位'],
        summary: '修改单位（须带上 version）',
        params: IdParams,
        body: UnitPatch,
        response: { 200: UnitViewSchema, ...errorResponses },
      },
    },
    async (request) => changeUnit(db, actorOf(request), request.params.id, request.body, deps.clock),
  );

  app.put(
    '/api/units/:id/aliases',
    {
      config: { policy: { action: 'unit.manage' } },
      schema: {
        tags: ['单位'],
        summary: '设置单位的简称（替换原有简称，须带上 version）',
        params: IdParams,
        body: UnitAliasesBody,
        response: { 200: UnitViewSchema, ...errorResponses },
      },
    },
    async (request) => setUnitAliases(db, actorOf(request), request.params.id, request.body, deps.clock),
  );

  app.put(
    '/api/units/:id/members',
    {
      config: { policy: { action: 'unit.manage' } },
      schema: {
        tags: ['单位'],
        summary: '设置单位组的成员单位（替换原有成员，须带上 version）',
        params: IdParams,
        body: UnitMembersBody,
        response: { 200: UnitViewSchema, ...errorResponses },
      },
    },
    async (request) => setGroupMembers(db, actorOf(request), request.params.id, request.body, deps.clock),
  );

  app.get(
    '/api/leaders',
    {
      config: { policy: { action: 'ledger.read' } },
      schema: { tags: ['单位'], summary: '牵头领导列表', response: { 200: LeaderListSchema, ...errorResponses } },
    },
    async (request) => ({ items: await leadersOf(db, actorOf(request)) }),
  );
}
