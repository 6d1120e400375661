/**
 * The API's shapes the screens read: the types generated from the server's
 * OpenAPI document (api/types.gen.ts, `npm run gen:api`), never written out
 * here, and the few names and constants the screens add to them.
 */
import type { Light, Session } from './api/types.gen';

export type * from './api/types.gen';

/** POST /api/session and GET /api/me: who is signed in, and the `actions` menus and buttons follow. */
export type Me = Session;

/** The lights in the order the screens list them: the worst first. */
export const LIGHTS: readonly Light[] = ['red', 'yellow', 'green', 'none'];
