import { createHash, timingSafeEqual } from 'node:crypto';

/** SHA-256 of a string, as hex. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/**
 * Compares a presented secret with a stored SHA-256 digest in constant time: hashing first makes both sides
 * the same length, so timingSafeEqual neither throws nor leaks the secret's length.
 */
export function secretMatchesHash(presented: string, expectedHashHex: string): boolean {
  const a = createHash('sha256').update(presented, 'utf8').digest();
  const b = Buffer.from(expectedHashHex, 'hex');
  return b.length === a.length && timingSafeEqual(a, b);
}
