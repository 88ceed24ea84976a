import { useEffect, useState } from 'preact/hooks';
import { errorMessage } from './api-error';

/** What {@link useLoaded} holds: the last answer, the last failure, and whether a request is out. */
export interface Loaded<T> {
  /** The last successful answer (kept while a reload is out or after it fails); null until the first. */
  data: T | null;
  /** Changes the answer in place (after an action the server confirmed). */
  setData(update: (prev: T | null) => T | null): void;
  error: string | null;
  loading: boolean;
  /** Asks again (a Refresh or "Try again" button). */
  reload(): void;
}

/**
 * Runs `load` when any of `deps` change or on reload(), and keeps its answer or its error message. An answer that
 * arrives after the deps have changed (another site, another range) is dropped, so a slow old request never wins.
 */
export function useLoaded<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    setLoading(true);
    setError(null);
    load().then(
      (body) => {
        if (!current) return;
        setData(body);
        setLoading(false);
      },
      (err: unknown) => {
        if (!current) return;
        setError(errorMessage(err));
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [...deps, attempt]);

  return { data, setData, error, loading, reload: () => setAttempt((n) => n + 1) };
}
