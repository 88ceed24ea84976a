import { warn } from './log';

/** A typed emitter whose listeners cannot break each other or the caller (after developit/mitt). */
export interface Emitter<E> {
  on<K extends keyof E>(name: K, cb: (value: E[K]) => void): () => void;
  emit<K extends keyof E>(name: K, value: E[K]): void;
}

/** Creates an {@link Emitter}. A throwing listener is reported on the console and the others still run. */
export const createEmitter = <E>(): Emitter<E> => {
  let all: [keyof E, (value: never) => void][] = [];
  return {
    on(name, cb) {
      const entry: (typeof all)[number] = [name, cb];
      all.push(entry);
      return () => (all = all.filter((x) => x != entry)) && undefined;
    },
    emit(name, value) {
      for (const [n, cb] of all)
        if (n == name)
          try {
            (cb as (v: unknown) => void)(value);
          } catch (e) {
            // The listener is the site's own code: show its error without throwing into our caller.
            warn(e);
          }
    },
  };
};
