/** Units as the API shows and takes them. */
import { Type } from 'typebox';
import { Literals, Name, Obj, RowInteger } from '../../server/http-schema.js';
import { UNIT_KINDS } from './unit.model.js';

const Kind = Type.Union(UNIT_KINDS.map((k) => Type.Literal(k)));
const UnitName = Name({ maxLength: 100 });
const Version = RowInteger({ description: '读取时的 version' });
export const NewUnit = Obj({ name: UnitName, kind: Type.Optional(Kind), aliases: Type.Optional(Type.Array(UnitName, { maxItems: 50 })) });
export const UnitPatch = Obj({ version: RowInteger(), name: Type.Optional(UnitName), kind: Type.Optional(Kind) });
export const UnitAliasesBody = Obj(
  { version: Version, aliases: Type.Array(UnitName, { maxItems: 50, description: '该单位的全部简称（替换原有简称）' }) },
  { title: 'UnitAliasesBody' },
);
export const UnitMembersBody = Obj(
  { version: Version, memberIds: Type.Array(RowInteger(), { maxItems: 1000, description: '单位组的全部成员单位（替换原有成员）；成员不能是单位组' }) },
  { title: 'UnitMembersBody' },
);

export const UnitViewSchema = Obj(
  {
    id: Type.Integer(),
    name: Type.String(),
    kind: Literals(UNIT_KINDS, { title: 'UnitKind', description: 'department 部门，town 镇街，group 单位组（如 各镇街），other 其他' }),
    aliases: Type.Array(Type.String(), { description: '简称' }),
    members: Type.Array(Type.String(), { description: '单位组的成员单位；其他单位为空' }),
    memberIds: Type.Array(Type.Integer(), { description: '成员单位的 id，与 members 一一对应' }),
    groups: Type.Array(Type.String(), { description: '该单位所属的单位组' }),
    version: Type.Integer(),
  },
  { title: 'Unit' },
);
export const UnitListSchema = Obj({ items: Type.Array(UnitViewSchema) });
