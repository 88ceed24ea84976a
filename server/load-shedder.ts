import { monitorEventLoopDelay } from 'node:perf_hooks';

/** Tells whether the process is too busy to take more ingest work. */
export interface LoadShedder {
  overloaded(): boolean;
  stop(): void;
}

/**
 * Watches event-loop delay. PGlite runs every statement synchronously inside this process, so when it cannot keep
 * up no queue forms in front of it: the event loop itself falls behind. When the worst delay seen in the last
 * sample period exceeds `maxDelayMs`, ingest answers 503 + Retry-After until the process catches up
 * (the same idea as @fastify/under-pressure). With PostgreSQL the pool's bounded queue usually trips first.
 */
export function createLoadShedder(maxDelayMs: number, sampleMs = 250): LoadShedder {
  if (maxDelayMs <= 0) return { overloaded: () => false, stop: () => {} };
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  let lagging = false;
  const timer = setInterval(() => {
    lagging = histogram.max / 1e6 > maxDelayMs;
    histogram.reset();
  }, sampleMs);
  timer.unref();
  return {
    // Also look at the delay recorded since the last sample, so a stall is seen as soon as it ends.
    overloaded: () => lagging || histogram.max / 1e6 > maxDelayMs,
    stop: () => {
      clearInterval(timer);
      histogram.disable();
    },
  };
}
