/** Refusals of the account services, with stable codes; the message is for the user, in Chinese. */
export type UserErrorCode =
  | 'invalid_username'
  | 'invalid_display_name'
  | 'invalid_email'
  | 'invalid_role'
  | 'username_taken'
  | 'unit_required'
  | 'unit_not_found'
  | 'weak_password'
  | 'wrong_password'
  | 'password_reused'
  | 'password_change_mandatory'
  | 'nothing_to_grant'
  | 'role_changed'
  | 'not_found';

const STATUS: Record<UserErrorCode, number> = {
  invalid_username: 400,
  invalid_display_name: 400,
  invalid_email: 400,
  invalid_role: 400,
  username_taken: 409,
  unit_required: 400,
  unit_not_found: 400,
  weak_password: 400,
  wrong_password: 400,
  password_reused: 400,
  password_change_mandatory: 400,
  nothing_to_grant: 409,
  role_changed: 409,
  not_found: 404,
};

export class UserError extends Error {
  readonly status: number;

  constructor(
    readonly code: UserErrorCode,
    message: string,
    /** For weak_password: each rule the password breaks. */
    readonly details: readonly string[] = [],
  ) {
    super(message);
    this.name = 'UserError';
    this.status = STATUS[code];
  }
}
