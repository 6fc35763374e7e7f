import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** A random bearer token (session cookies). */
export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');

/** What is stored for a bearer token, so a copy of the database does not hold live sessions. */
export const sha256 = (value: string) => createHash('sha256').update(value).digest('base64url');

/** Eight characters a participant can type from a printed sheet: no 0/O or 1/I/L. */
export function joinCode(): string {
  const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
  // Rejection sampling keeps every character equally likely.
  let code = '';
  while (code.length < 8) {
    for (const byte of randomBytes(16)) {
      if (byte < 248 && code.length < 8) code += alphabet[byte % alphabet.length];
    }
  }
  return code;
}

/** A join code as stored: a participant may type it with spaces around or in lower case. */
export const normalisedJoinCode = (code: string) => code.trim().toUpperCase();

/** argon2id with the library's defaults (19 MiB, 2 passes: OWASP's recommended minimum). */
export const hashPassword = (password: string) => hash(password);

/** A hash to check against when the user does not exist, so timing does not reveal usernames. */
let decoy: Promise<string> | undefined;
export async function verifyPassword(passwordHash: string | undefined, password: string): Promise<boolean> {
  decoy ??= hash(randomToken());
  const target = passwordHash ?? (await decoy);
  const ok = await verify(target, password).catch(() => false);
  return passwordHash !== undefined && ok;
}

/** A readable random password for generated accounts (printed once). */
export const generatedPassword = () => randomBytes(15).toString('base64url');
