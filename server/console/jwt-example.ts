/**
 * Server-side code a site runs to sign the identity token that `kizuna.identify(userId, traits, { token })` takes:
 * HS256 with the site's identity secret, `sub` = the user id, a short `exp`. Shown in the site settings.
 */
export function jwtExample(): string {
  return `// On your server (Node, with the "jose" package). Never put the secret in the browser.
import { SignJWT } from 'jose';

const secret = new TextEncoder().encode(process.env.KIZUNA_IDENTITY_SECRET);

export async function kizunaToken(userId) {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(String(userId))   // sub = the id you pass to identify()
    .setIssuedAt()
    .setExpirationTime('10m')     // exp: short-lived
    .sign(secret);
}

// In the page, after sign-in (token fetched from your server):
// kizuna.identify(user.id, { name: user.name, email: user.email }, { token });`;
}
