/** The shape of a ladder case, shared by the ladder test and the case files of each area (test/server/access/*.ladder.ts). */
import type { ApiFixture, PersonKey, Session } from '../api-fixture.js';
export interface Request {
  url: string;
  body?: unknown;
}

export interface LadderCase {
  /** A well-formed request (ids come from the fixture). */
  valid(fx: ApiFixture): Request | Promise<Request>;
  /** A malformed one, or why the route takes no input that could be wrong. */
  invalid: ((fx: ApiFixture) => Request) | { skip: string };
  /** Someone who may. */
  may: PersonKey;
  /** Someone who may not, or why there is nobody. */
  mayNot: PersonKey | { none: string };
  success?: 200 | 201 | 204;
  /** The 2xx rung ends its session: it gets a session of its own. */
  ownSession?: true;
  /** Puts back what the 2xx rung changed. */
  restore?(fx: ApiFixture, session: Session): Promise<void>;
}

export const NO_INPUT = { skip: 'GET without parameters, query or body: nothing to get wrong' };
/** Reading the ledger is everyone's; only a user whose password change is due is held back. */
export const PASSWORD_DUE: PersonKey = 'pending';

export const upload = (fx: ApiFixture): Request => ({ url: '', body: fx.upload });
