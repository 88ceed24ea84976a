import { randomBytes } from 'node:crypto';
import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Store } from '../store/store.js';
import { secretMatchesHash, sha256Hex } from './secret-equal.js';

/** Name of the console's session cookie. */
export const SESSION_COOKIE = 'kizuna_session';
const SESSION_DAYS = 7;

/** Operator authentication: bearer token or session cookie. */
export interface AdminAuth {
  /** True when the request carries the operator token or a live session. */
  authenticate(req: FastifyRequest): Promise<boolean>;
  /** Checks the token; on success starts a session and sets its cookie. */
  login(token: string, req: FastifyRequest, reply: FastifyReply): Promise<boolean>;
  /** Ends the request's session (if any) and clears the cookie. */
  logout(req: FastifyRequest, reply: FastifyReply): Promise<void>;
}

/**
 * Sessions live in the database (only a SHA-256 of the cookie value), so any collector accepts them and logout
 * is real. Each session is bound to a fingerprint of the operator token: changing the token ends all sessions.
 */
export function createAdminAuth(store: Store, tokenHash: string): AdminAuth {
  const fingerprint = sha256Hex(`session:${tokenHash}`).slice(0, 32);
  const bearer = (req: FastifyRequest): string | null => /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1] ?? null;
  const cookie = (req: FastifyRequest): string | null => {
    const value = req.cookies[SESSION_COOKIE];
    return value && value.length <= 200 ? value : null;
  };
  const cookieOptions = (req: FastifyRequest) => ({
    httpOnly: true,
    sameSite: 'strict' as const,
    path: '/',
    secure: req.protocol === 'https',
  });

  return {
    async authenticate(req) {
      const token = bearer(req);
      if (token !== null) return secretMatchesHash(token, tokenHash);
      const session = cookie(req);
      return session !== null && (await store.hasSession(sha256Hex(session), fingerprint));
    },

    async login(token, req, reply) {
      if (!secretMatchesHash(token, tokenHash)) return false;
      const session = randomBytes(32).toString('base64url');
      await store.createSession(sha256Hex(session), fingerprint, new Date(Date.now() + SESSION_DAYS * 86_400_000));
      reply.setCookie(SESSION_COOKIE, session, { ...cookieOptions(req), maxAge: SESSION_DAYS * 86_400 });
      return true;
    },

    async logout(req, reply) {
      const session = cookie(req);
      if (session) await store.deleteSession(sha256Hex(session));
      reply.clearCookie(SESSION_COOKIE, cookieOptions(req));
    },
  };
}
