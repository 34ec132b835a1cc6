import { describe, expect, test } from 'vitest';
import { hashPassword, verifyPassword } from './passwords.ts';

// scrypt at the production cost takes ~50-100 ms per call, so the two hashes are made once.
const PASSWORD = 'correct horse battery staple';
const first = hashPassword(PASSWORD);
const second = hashPassword(PASSWORD);

/** Replaces one `$`-separated part of a stored hash. */
const withPart = (stored: string, index: number, value: string) =>
  stored
    .split('$')
    .map((p, i) => (i === index ? value : p))
    .join('$');

describe('passwords', () => {
  test('a hash records its scheme, parameters, salt and key', async () => {
    const stored = await first;
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(stored).not.toContain(PASSWORD);
  });

  test('the right password verifies', async () => {
    expect(await verifyPassword(PASSWORD, await first)).toBe(true);
  });

  test('a wrong password fails, including near misses', async () => {
    const stored = await first;
    expect(await verifyPassword('correct horse battery stapl', stored)).toBe(false);
    expect(await verifyPassword('Correct horse battery staple', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  test('two hashes of one password differ (random salt) and both verify', async () => {
    const [a, b] = [await first, await second];
    expect(a).not.toBe(b);
    expect(withPart(a, 4, '')).not.toBe(withPart(b, 4, ''));
    expect(await verifyPassword(PASSWORD, b)).toBe(true);
  });

  test('a hash checked against another salt fails', async () => {
    const [a, b] = [await first, await second];
    const saltOfB = b.split('$')[4] ?? '';
    expect(await verifyPassword(PASSWORD, withPart(a, 4, saltOfB))).toBe(false);
  });

  test.each([
    ['empty', ''],
    ['not a hash', 'hunter2'],
    ['too few parts', 'scrypt$32768$8$1$c2FsdA=='],
    ['empty key', 'scrypt$32768$8$1$c2FsdA==$'],
    ['empty salt', 'scrypt$32768$8$1$$aGFzaA=='],
  ])('a malformed stored hash (%s) returns false', async (_label, stored) => {
    expect(await verifyPassword(PASSWORD, stored)).toBe(false);
  });

  test('another scheme with a valid body returns false', async () => {
    expect(await verifyPassword(PASSWORD, withPart(await first, 0, 'bcrypt'))).toBe(false);
  });

  test.each([
    ['non-numeric N', 'scrypt$abc$8$1$c2FsdA==$aGFzaA=='],
    ['N not a power of two', 'scrypt$3$8$1$c2FsdA==$aGFzaA=='],
  ])('a stored hash with bad parameters (%s) returns false', async (_label, stored) => {
    expect(await verifyPassword(PASSWORD, stored)).toBe(false);
  });

  test('a stored key that decodes to nothing does not accept any password', async () => {
    expect(await verifyPassword('anything at all', 'scrypt$32768$8$1$c2FsdA==$!!!!')).toBe(false);
  });

  test('a truncated stored key is refused', async () => {
    const stored = await first;
    const key = stored.split('$')[5] ?? '';
    expect(await verifyPassword(PASSWORD, withPart(stored, 5, key.slice(0, 4)))).toBe(false);
  });
});
