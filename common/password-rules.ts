/**
 * The parts of the password policy a form can check before sending (both sides run them). The server
 * also refuses the most common passwords (server/domain/password-policy.ts), a list too large to ship
 * to the browser.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

/** The policy in one sentence, for the forms that set a password. */
export const PASSWORD_POLICY_TEXT = `At least ${PASSWORD_MIN_LENGTH} characters, not your username and not one of the most common passwords. A few unrelated words make a good one.`;

/** What is wrong with a new password's shape, or null. */
export function passwordShapeProblem(password: string, username: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters`;
  if (username !== '' && password.trim().toLowerCase() === username.trim().toLowerCase()) {
    return 'Your password cannot be your username';
  }
  return null;
}
