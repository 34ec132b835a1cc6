import { invalid } from '../../common/errors.ts';
import { passwordShapeProblem } from '../../common/password-rules.ts';

export const COMMON_PASSWORD_MESSAGE = 'This password is one of the most common passwords; choose another';

let common: Promise<ReadonlySet<string>> | undefined;

/**
 * The most common passwords (49,233, from breach corpora), from zxcvbn-ts's maintained MIT-licensed
 * dictionary rather than a list typed in here. Loaded on first use, once: it is ~400 kB that most
 * processes (the CLIs, most tests) never need.
 */
function commonPasswords(): Promise<ReadonlySet<string>> {
  common ??= import('@zxcvbn-ts/language-common').then(
    ({ dictionary }) => new Set(dictionary['passwords-common'].map((p) => String(p).toLowerCase())),
  );
  return common;
}

/** What is wrong with a new password, or null if the policy accepts it. */
export async function passwordProblem(password: string, username: string): Promise<string | null> {
  const shape = passwordShapeProblem(password, username);
  if (shape !== null) return shape;
  // Case-insensitive: "Qwerty123456" is guessed as early as "qwerty123456".
  return (await commonPasswords()).has(password.trim().toLowerCase()) ? COMMON_PASSWORD_MESSAGE : null;
}

/**
 * Refuses a password the policy does not accept. `field` names the input it came from, so the
 * message is shown on that field.
 */
export async function assertPasswordAllowed(
  password: string,
  username: string,
  field: string,
): Promise<void> {
  const problem = await passwordProblem(password, username);
  if (problem !== null) throw invalid(problem, { field });
}
