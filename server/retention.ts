import type { FastifyBaseLogger } from 'fastify';
import type { Store } from './store/store.js';

/**
 * Purges expired data now and then every `intervalMs`. The store's lease makes sure that with several
 * collectors only one does the work per period. Returns a stop function.
 */
export function startRetention(store: Store, log: FastifyBaseLogger, intervalMs: number): () => void {
  let running = false;
  const run = async (): Promise<void> => {
    if (running) return;
    running = true;
    try {
      const result = await store.purgeExpired({ minGapMs: intervalMs / 2 });
      if (result.ran && (result.events || result.people)) log.info(result, 'retention purge');
    } catch (error) {
      log.warn({ err: error }, 'retention purge failed; will retry next period');
    } finally {
      running = false;
    }
  };
  void run();
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
