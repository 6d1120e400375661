/** Units as the API shows and takes them. */
import { Type } from 'typebox';
import { Literals, Name, Obj, RowInteger } from '../../server/http-schema.js';
import { UNIT_KINDS } from './unit.model.js';

const Kind = Type.Union(UNIT_KINDS.map((k) => Type.Literal(k)));
const UnitName = Name({ maxLength: 100 });
export const NewUnit = Obj({ name: UnitName, kind: Type.Optional(Kind), aliases: Type.Optional(Type.Array(UnitName, { maxItems: 50 })) });
export const UnitPatch = Obj({ version: RowInteger(), name: Type.Optional(UnitName), kind: Type.Optional(Kind) });

export const UnitViewSchema = Obj(
  {
    id: Type.Integer(),
    name: Type.String(),
    kind: Literals(UNIT_KINDS, { title: 'UnitKind', description: 'department 部门，town 镇街，group 单位组（如 各镇街），other 其他' }),
    aliases: Type.Array(Type.String(), { description: '简称' }),
    members: Type.Array(Type.String(), { description: '单位组的成员单位；其他单位为空' }),
    version: Type.Integer(),
  },
  { title: 'Unit' },
);
export const UnitListSchema = Obj({ items: Type.Array(UnitViewSchema) });
