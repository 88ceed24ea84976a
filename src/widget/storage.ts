/** Reads a JSON value from localStorage; null when missing, unreadable or blocked. */
export const load = <T>(key: string): T | null => {
  try {
    return JSON.parse(localStorage.getItem(key) || 'null') as T | null;
  } catch {
    return null;
  }
};

/** Writes (or, for null, removes) a JSON value in localStorage; blocked storage just means memory only. */
export const save = (key: string, value: unknown): void => {
  try {
    if (value == null) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage blocked or full: this page keeps working from memory.
  }
};
