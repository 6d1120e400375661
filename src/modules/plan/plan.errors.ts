/** Why a plan cannot be imported. Stable codes for the API; Chinese messages for people. */
export type PlanImportErrorCode =
  /** The plan itself is unusable: no tasks, duplicate task numbers, bad fields. */
  | 'bad_plan'
  /** A correction is malformed or names a unit the notice does not have. */
  | 'bad_correction'
  /** A correction names a task key the notice does not have. */
  | 'unknown_task';

export class PlanImportError extends Error {
  constructor(
    readonly code: PlanImportErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PlanImportError';
  }
}
