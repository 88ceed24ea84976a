import type { SiteLimits } from '../../src/shared/campaign-schema.js';

/**
 * Checks site-wide message limits as an owner sends them: `minGap` whole seconds 0–86400 between any two messages,
 * `maxPerSession` 1–100 messages, `quietWhileChatOpen` true or false. Unknown fields are refused, like campaigns.
 */
export function validateSiteLimits(input: unknown): { ok: true; limits: SiteLimits } | { ok: false; errors: { path: string; message: string }[] } {
  const errors: { path: string; message: string }[] = [];
  const fail = (path: string, message: string) => errors.push({ path, message: `${path} ${message}` });
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { ok: false, errors: [{ path: '', message: 'Message limits must be a JSON object' }] };
  const o = input as Record<string, unknown>;
  const int = (k: string, min: number, max: number) => {
    const v = o[k];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) fail(k, `must be a whole number from ${min} to ${max}`);
  };
  int('minGap', 0, 86_400);
  int('maxPerSession', 1, 100);
  if (typeof o.quietWhileChatOpen !== 'boolean') fail('quietWhileChatOpen', 'must be true or false');
  for (const k of Object.keys(o)) {
    if (!['minGap', 'maxPerSession', 'quietWhileChatOpen'].includes(k)) fail(k, 'is not a known field (expected “minGap”, “maxPerSession”, “quietWhileChatOpen”)');
  }
  return errors.length ? { ok: false, errors } : { ok: true, limits: { minGap: o.minGap as number, maxPerSession: o.maxPerSession as number, quietWhileChatOpen: o.quietWhileChatOpen as boolean } };
}
