/** A run of message text: plain text, or an http(s) URL to show as a link. */
export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

// Only http:// and https:// are ever linked, so javascript:, data: and the like stay plain text. The URL ends at the
// first character outside printable ASCII: Japanese text often follows a URL without a space (…/docs。ありがとう).
const URL_PATTERN = /\bhttps?:\/\/[!#$%&()*+,\-./0-9:;=?@A-Z[\]_a-z~]+/gi;
// Punctuation that usually ends the sentence around a URL rather than belonging to it.
const TRAILING = /[.,;:!?'")\]}>。、」』）]+$/;

function trimUrl(raw: string): string {
  let url = raw.replace(TRAILING, '');
  // Keep a closing parenthesis that the URL itself opened (https://en.wikipedia.org/wiki/Kizuna_(band)).
  const tail = raw.slice(url.length);
  if (tail.startsWith(')') && (url.match(/\(/g)?.length ?? 0) > (url.match(/\)/g)?.length ?? 0)) url += ')';
  return url;
}

function safeHref(text: string): string | null {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * Splits untrusted message text into plain runs and http(s) links. Nothing here produces HTML: the caller renders
 * each part as a text node or an anchor whose href was parsed and checked to be http(s).
 */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index ?? 0;
    const candidate = trimUrl(match[0]);
    const href = safeHref(candidate);
    if (!href) continue;
    if (start > last) parts.push({ kind: 'text', text: text.slice(last, start) });
    parts.push({ kind: 'link', text: candidate, href });
    last = start + candidate.length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}
