/**
 * The route cases of each area, kept in one file per area so that the ladder
 * and the matrix stay complete as areas add routes. A route must have its
 * cases in exactly one area.
 */
import type { LadderCase } from './ladder-case.js';
import type { Variant } from './matrix-rules.js';
import * as assessmentLadder from './assessment.ladder.js';
import * as assessmentMatrix from './assessment.matrix.js';
import * as bulletinLadder from './bulletin.ladder.js';
import * as bulletinMatrix from './bulletin.matrix.js';
import * as deskLadder from './desk.ladder.js';
import * as deskMatrix from './desk.matrix.js';
import * as governmentsLadder from './governments.ladder.js';
import * as governmentsMatrix from './governments.matrix.js';
import * as ledgerExportLadder from './ledger-export.ladder.js';
import * as ledgerExportMatrix from './ledger-export.matrix.js';
import * as planLadder from './plan.ladder.js';
import * as planMatrix from './plan.matrix.js';
import * as reportingLadder from './reporting.ladder.js';
import * as reportingMatrix from './reporting.matrix.js';
import * as statusLadder from './status.ladder.js';
import * as statusMatrix from './status.matrix.js';
import * as supervisionLadder from './supervision.ladder.js';
import * as supervisionMatrix from './supervision.matrix.js';
import * as targetLadder from './target.ladder.js';
import * as targetMatrix from './target.matrix.js';
import * as workplanLadder from './workplan.ladder.js';
import * as workplanMatrix from './workplan.matrix.js';

function merge<T>(parts: Record<string, T>[]): Record<string, T> {
  const out: Record<string, T> = {};
  for (const part of parts) {
    for (const [key, value] of Object.entries(part)) {
      if (key in out) throw new Error(`route ${key} has cases in two areas`);
      out[key] = value;
    }
  }
  return out;
}

export const AREA_LADDERS: Record<string, LadderCase> = merge([
  workplanLadder.LADDER,
  reportingLadder.LADDER,
  statusLadder.LADDER,
  supervisionLadder.LADDER,
  assessmentLadder.LADDER,
  ledgerExportLadder.LADDER,
  bulletinLadder.LADDER,
  deskLadder.LADDER,
  targetLadder.LADDER,
  planLadder.LADDER,
  governmentsLadder.LADDER,
]);
export const AREA_MATRICES: Record<string, Variant[]> = merge([
  workplanMatrix.MATRIX,
  reportingMatrix.MATRIX,
  statusMatrix.MATRIX,
  supervisionMatrix.MATRIX,
  assessmentMatrix.MATRIX,
  ledgerExportMatrix.MATRIX,
  bulletinMatrix.MATRIX,
  deskMatrix.MATRIX,
  targetMatrix.MATRIX,
  planMatrix.MATRIX,
  governmentsMatrix.MATRIX,
]);
