import { expect, test } from 'vitest';
import { COMMON_PASSWORD_MESSAGE, passwordProblem } from './password-policy.ts';

test('short, overlong and username passwords are refused with what to do instead', async () => {
  expect(await passwordProblem('short pass', 'sam')).toBe('Use at least 12 characters');
  expect(await passwordProblem('x'.repeat(201), 'sam')).toBe('Use at most 200 characters');
  expect(await passwordProblem('Maintenance.Lead', 'maintenance.lead')).toBe(
    'Your password cannot be your username',
  );
});

test('the most common passwords are refused whatever their case', async () => {
  expect(await passwordProblem('qwerty123456', 'sam')).toBe(COMMON_PASSWORD_MESSAGE);
  expect(await passwordProblem('QWERTY123456', 'sam')).toBe(COMMON_PASSWORD_MESSAGE);
  expect(await passwordProblem('1qaz2wsx3edc', 'sam')).toBe(COMMON_PASSWORD_MESSAGE);
});

test('a long uncommon password, like the one the tests share, is accepted', async () => {
  // tests/support/test-app.ts PASSWORD
  expect(await passwordProblem('correct horse battery', 'tech')).toBeNull();
  expect(await passwordProblem('pallet jack umbrella', 'sam')).toBeNull();
});
