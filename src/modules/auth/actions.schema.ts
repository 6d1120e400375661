/** The action vocabulary as a schema: the `actions` lists of the answers name only these. */
import { Literals } from '../../server/http-schema.js';
import { ACTIONS } from './actions.js';

export const ActionNameSchema = Literals(ACTIONS, { title: 'ActionName', description: '操作名称（权限词表 src/modules/auth/actions.ts）' });
