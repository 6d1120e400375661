/** Ladder cases of the routes of this area; merged into test/server/ladder.test.ts through areas.ts. */
import type { LadderCase } from './ladder-case.js';

export const LADDER: Record<string, LadderCase> = {};
