/** Lead leaders as the API shows them. */
import { Type } from 'typebox';
import { Nullable, Obj } from '../../server/http-schema.js';

export const LeaderViewSchema = Obj(
  { id: Type.Integer(), name: Type.String(), title: Nullable(Type.String({ description: '职务' })), version: Type.Integer() },
  { title: 'Leader' },
);
export const LeaderListSchema = Obj({ items: Type.Array(LeaderViewSchema) });
