/** Access matrix variants of the routes of this area; merged into test/server/matrix.test.ts through areas.ts. */
import type { Variant } from './matrix-rules.js';

export const MATRIX: Record<string, Variant[]> = {};
