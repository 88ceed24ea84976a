/**
 * Deepest nesting of objects and arrays in a JSON text, found by one pass over the characters (no recursion, so
 * it is safe on hostile input). Deep nesting overflows recursive code — JSON.stringify, PostgreSQL's jsonb
 * parser — so it is measured before anything recursive runs.
 */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) max = depth;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return max;
}
