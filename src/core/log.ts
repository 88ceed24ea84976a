/** Logs with the SDK's prefix. */
export type Log = (...args: unknown[]) => void;

/** A warning the site owner must see once (a wrong option). Always printed. */
export const warn: Log = (...args) => console.warn('[kizuna]', ...args);

/** Warns once that an option's value was not understood and its default is used. */
export const badOption = (name: string, value: unknown): void => warn(`${name}="${value}" ignored`);

/** Returns the internal-failure logger: silent unless `debug` is on. */
export const createDebugLog = (debug?: boolean): Log => (debug ? warn : () => {});
