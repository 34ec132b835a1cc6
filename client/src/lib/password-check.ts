import { passwordShapeProblem } from '../../../common/password-rules.ts';
import type { FieldErrors } from './errors.ts';

/**
 * A new password typed twice, checked before anything is sent: the shared shape rules here, the
 * common-password list on the server (its message comes back on the same field).
 */
export function checkNewPassword(
  password: string,
  repeat: string,
  username: string,
  fields: { password: string; repeat: string } = { password: 'password', repeat: 'repeat' },
): FieldErrors {
  const errors: FieldErrors = {};
  const problem = password === '' ? 'Enter a new password' : passwordShapeProblem(password, username);
  if (problem !== null) errors[fields.password] = problem;
  else if (repeat !== password) errors[fields.repeat] = 'The two passwords do not match';
  return errors;
}
