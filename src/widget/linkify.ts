// A URL is http(s):// then URL characters (ASCII only, so Japanese text right after it is not swallowed), not
// ending in punctuation that usually closes the sentence around it.
const URL_RE = /(https?:\/\/[\w\-.~:/?#[\]@!$&'()*+,;=%]*[\w\-~/#=&%+@])/i;

/**
 * Splits plain text into text and http(s) links: even indices are text, odd ones URLs. Nothing else (no
 * `javascript:`, no `data:`) can become a link.
 */
export const linkify = (text: string): string[] => text.split(URL_RE);
