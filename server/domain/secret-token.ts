import { createHash, randomBytes } from 'node:crypto';

/** A random 256-bit token for a cookie or a link; only its hash is ever stored. */
export const newSecretToken = () => randomBytes(32).toString('base64url');

/** What is stored and looked up instead of the token: a leaked table does not give working tokens. */
export const hashSecretToken = (token: string) => createHash('sha256').update(token).digest('hex');
