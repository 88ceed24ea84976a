import { StoreBusyError } from './store-busy-error.js';

/** Limits of an admission gate. */
export interface AdmissionGateOptions {
  /** Operations allowed to run at once (the pool size; 1 for PGlite, which runs one query at a time). */
  concurrency: number;
  /** Operations allowed to wait; one more is refused at once with StoreBusyError. */
  maxQueue: number;
  /** Longest wait for a slot before giving up with StoreBusyError. */
  queueTimeoutMs: number;
}

/** A counting semaphore whose waiting line is bounded in length and in time. */
export interface AdmissionGate {
  run<T>(fn: () => Promise<T>): Promise<T>;
  /** Operations running plus waiting (for tests and metrics). */
  readonly load: number;
}

/**
 * Creates the gate in front of the database. When the store cannot keep up, requests fail fast with
 * StoreBusyError (→ 503 + Retry-After) instead of piling up in memory until everything times out.
 */
export function createAdmissionGate(options: AdmissionGateOptions): AdmissionGate {
  let running = 0;
  const waiting: Array<{ start: () => void; timer: NodeJS.Timeout }> = [];

  const release = (): void => {
    running--;
    const next = waiting.shift();
    if (next) {
      clearTimeout(next.timer);
      running++;
      next.start();
    }
  };

  const acquire = (): Promise<void> => {
    if (running < options.concurrency && waiting.length === 0) {
      running++;
      return Promise.resolve();
    }
    if (waiting.length >= options.maxQueue) {
      return Promise.reject(new StoreBusyError(`store queue is full (${options.maxQueue} waiting)`));
    }
    return new Promise<void>((resolve, reject) => {
      const entry = {
        start: resolve,
        timer: setTimeout(() => {
          const i = waiting.indexOf(entry);
          if (i >= 0) waiting.splice(i, 1);
          reject(new StoreBusyError(`waited more than ${options.queueTimeoutMs} ms for the store`));
        }, options.queueTimeoutMs),
      };
      waiting.push(entry);
    });
  };

  return {
    async run(fn) {
      await acquire();
      try {
        return await fn();
      } finally {
        release();
      }
    },
    get load() {
      return running + waiting.length;
    },
  };
}
