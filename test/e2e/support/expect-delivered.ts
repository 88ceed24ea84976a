import type { EventLog } from './event-log.js';
import type { RecordingCollector } from './recording-collector.js';

/** Options for expectAllDelivered. */
export interface ExpectDeliveredOptions {
  timeoutMs?: number;
  /**
   * Allow a message to be acknowledged more than once. The contract allows that only after a send whose
   * answer never reached the page (a beacon during unload, a lost response); the server dedupes it.
   */
  allowDuplicates?: boolean;
  /** Check only these ids (default: every id in the log). */
  ids?: string[];
}

/**
 * Waits until every message created in the page has been stored by the collector, then checks the
 * delivery itself: no duplicate acknowledgements (unless allowed), no malformed batch, text/plain
 * bodies (so no CORS preflight), and each stored message equal in kind to the one the page created.
 */
export async function expectAllDelivered(
  collector: RecordingCollector,
  log: EventLog,
  options: ExpectDeliveredOptions = {},
): Promise<void> {
  const ids = options.ids ?? log.ids();
  if (ids.length === 0) throw new Error('the page created no message (is the probe or the SDK missing?)');
  const missing = () => ids.filter((id) => !collector.stored.has(id));
  try {
    await collector.waitFor(() => missing().length === 0, `${ids.length} messages`, options.timeoutMs ?? 20_000);
  } catch {
    const lost = missing();
    const described = lost.map((id) => {
      const m = log.seen.find((s) => s.message.messageId === id)?.message;
      return `${id} ${m?.type} ${m?.event ?? m?.name ?? ''}`;
    });
    const outcomes = collector.requests.map((r) => `${r.outcome}:${r.messageIds.length}`).join(' ');
    throw new Error(`${lost.length} of ${ids.length} messages never arrived:\n${described.join('\n')}\nrequests: ${outcomes}`);
  }
  if (!options.allowDuplicates) {
    const dups = collector.duplicates();
    if (dups.length) throw new Error(`messages acknowledged more than once: ${dups.join(', ')}`);
  }
  const malformed = collector.requests.filter((r) => r.outcome === 'malformed');
  if (malformed.length) throw new Error(`${malformed.length} malformed batch request(s)`);
  const notPlain = collector.requests.filter((r) => r.outcome !== 'offline' && !r.contentType.startsWith('text/plain'));
  if (notPlain.length) throw new Error(`batch sent as ${notPlain[0]!.contentType}, expected text/plain`);
  if (collector.preflights) throw new Error(`${collector.preflights} CORS preflight(s); the SDK must not need one`);
  for (const id of ids) {
    const got = collector.stored.get(id)!.message;
    const made = log.seen.find((s) => s.message.messageId === id)?.message;
    if (made && (made.type !== got.type || made.event !== got.event || made.timestamp !== got.timestamp)) {
      throw new Error(`message ${id} changed on the way: made ${JSON.stringify(made)}, stored ${JSON.stringify(got)}`);
    }
    if (typeof got.anonymousId !== 'string' || !got.anonymousId) throw new Error(`message ${id} has no anonymousId`);
    if (Number.isNaN(Date.parse(got.timestamp))) throw new Error(`message ${id} has a bad timestamp ${got.timestamp}`);
    if (got.context?.library?.name !== 'kizuna') throw new Error(`message ${id} lacks context.library.name = kizuna`);
  }
}
