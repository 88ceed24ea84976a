/**
 * Runs `fn` and returns its result, or undefined if it threw. For storage that may be blocked (sandboxed frames,
 * privacy modes, quota): the SDK then keeps that state in memory for the page's lifetime.
 */
export const attempt = <T>(fn: () => T): T | undefined => {
  try {
    return fn();
  } catch {
    return undefined;
  }
};
