import { isbot } from 'isbot';
import UAParser from 'ua-parser-js';
import type { StoredMessage } from '../store/store.js';
import type { ValidMessage } from './validate-message.js';

/** Facts about the request a message came in. */
export interface RequestFacts {
  receivedAt: Date;
  /** The client's clock when it sent the request (batch `sentAt`), if given. */
  sentAt: Date | null;
  /** Batch-level context, merged under each message's own context. */
  batchContext: Record<string, unknown> | null;
  /** The request's User-Agent header. */
  userAgent: string | undefined;
  /** True when the request carried an Origin header, i.e. came from a browser. */
  fromBrowser: boolean;
}

/** Result of enriching: the message to store, or the reason it is dropped. */
export type Enriched = { ok: true; message: StoredMessage } | { ok: false; dropped: 'bot' };

// Context fields never stored: the IP address (personal data we do not need), and the raw user agent, which is
// reduced to browser, OS and device type instead.
const STRIPPED_CONTEXT = ['ip', 'userAgent'];
const MIN_TIME = Date.UTC(1970, 0, 1);
const MAX_TIME = Date.UTC(9999, 11, 31);

/**
 * Adds what the server knows: receivedAt, a timestamp corrected for the client's clock skew (Segment's rule:
 * timestamp + (receivedAt − sentAt)), browser/OS/device from the user agent, and drops bots.
 *
 * The user agent is the message's `context.userAgent` (what server-side libraries forward for their users), else
 * the request's own header when the request came from a browser. A server-side client's own agent
 * (analytics-node, curl…) describes the library, not a visitor, so it is neither parsed nor bot-checked.
 */
export function enrichMessage(m: ValidMessage, facts: RequestFacts): Enriched {
  const context: Record<string, unknown> = { ...facts.batchContext, ...m.context };
  const contextAgent = typeof context.userAgent === 'string' ? context.userAgent : undefined;
  const agent = contextAgent ?? (facts.fromBrowser ? facts.userAgent : undefined);
  if (agent && isbot(agent)) return { ok: false, dropped: 'bot' };
  for (const k of STRIPPED_CONTEXT) delete context[k];

  let browser: string | null = null;
  let os: string | null = null;
  let device: string | null = null;
  if (agent) {
    const ua = new UAParser(agent).getResult();
    browser = ua.browser.name ?? null;
    os = ua.os.name ?? null;
    device = ua.device.type ?? (browser ? 'desktop' : null);
  }

  const original = m.timestamp ? new Date(m.timestamp) : null;
  let timestamp = facts.receivedAt;
  if (original) {
    const skew = facts.sentAt ? facts.receivedAt.getTime() - facts.sentAt.getTime() : 0;
    const corrected = original.getTime() + skew;
    timestamp = corrected >= MIN_TIME && corrected <= MAX_TIME ? new Date(corrected) : original;
  }

  const extra: Record<string, unknown> = {};
  if (m.groupId !== undefined) extra.groupId = m.groupId;
  if (m.previousId !== undefined) extra.previousId = m.previousId;
  if (m.category !== undefined && m.category !== null) extra.category = m.category;
  if (m.integrations !== undefined) extra.integrations = m.integrations;

  return {
    ok: true,
    message: {
      messageId: m.messageId,
      type: m.type,
      event: m.type === 'track' ? (m.event ?? null) : null,
      name: m.name ?? null,
      anonymousId: m.anonymousId ?? null,
      userId: m.userId ?? null,
      previousId: m.type === 'alias' ? (m.previousId ?? null) : null,
      properties: m.properties ?? {},
      traits: m.traits ?? {},
      context,
      extra,
      timestamp,
      originalTimestamp: original,
      sentAt: facts.sentAt,
      receivedAt: facts.receivedAt,
      browser,
      os,
      device,
    },
  };
}
