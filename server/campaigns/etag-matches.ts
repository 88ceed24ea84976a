/**
 * True when an `If-None-Match` header names `etag` (or is `*`). RFC 9110 §13.1.2 compares weakly there, so a
 * `W/"…"` form a proxy made of our strong tag still matches.
 */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === bare);
}
