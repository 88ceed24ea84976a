import { errors, jwtVerify } from 'jose';

/** Longest an identity token may still be valid when presented: they are meant to be short-lived. */
export const MAX_IDENTITY_TOKEN_SECONDS = 24 * 3600;

/** Outcome of checking an identity token: ok, or why not (a sentence for the developer). */
export type IdentityCheck = { ok: true } | { ok: false; reason: string };

/**
 * Verifies an identity-verification JWT signed by the site's backend: HS256 only (no `none`, no algorithm
 * confusion) with the site's identity secret as UTF-8 bytes, `sub` equal to the userId the page claims, and an
 * `exp` that has not passed (30 s of clock tolerance) and is at most 24 h away.
 */
export async function verifyIdentityToken(token: string, secret: string, userId: string, now: Date = new Date()): Promise<IdentityCheck> {
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
      algorithms: ['HS256'],
      requiredClaims: ['exp', 'sub'],
      clockTolerance: 30,
      currentDate: now,
    });
    if (payload.sub !== userId) return { ok: false, reason: 'the token\'s "sub" is not the userId being identified' };
    if (payload.exp! - now.getTime() / 1000 > MAX_IDENTITY_TOKEN_SECONDS) {
      return { ok: false, reason: 'the token\'s "exp" is more than 24 hours away; sign short-lived tokens (minutes)' };
    }
    return { ok: true };
  } catch (error) {
    if (error instanceof errors.JWTExpired) return { ok: false, reason: 'the token has expired; sign a fresh one' };
    if (error instanceof errors.JWSSignatureVerificationFailed) return { ok: false, reason: "the signature does not match the site's identity secret" };
    if (error instanceof errors.JOSEAlgNotAllowed) return { ok: false, reason: 'the token must be signed with HS256' };
    if (error instanceof errors.JWTClaimValidationFailed) return { ok: false, reason: `the token's claims are invalid (${error.message})` };
    return { ok: false, reason: 'the token is not a valid JWT' };
  }
}
