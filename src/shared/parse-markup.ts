// The small safe markup of campaign bodies. It is parsed into nodes that the widget renders as elements and text
// nodes, so nothing in a body is ever HTML: `<script>` stays the literal text "<script>". The validator refuses
// HTML-looking text and unsafe links when a campaign is saved, so owners learn early; the parser neutralises them
// anyway if one ever reaches a visitor.

/** A parsed piece of markup. Text is always text. */
export type MarkupNode =
  | { type: 'text'; text: string }
  | { type: 'bold' | 'italic'; children: MarkupNode[] }
  | { type: 'link'; href: string; children: MarkupNode[] }
  | { type: 'break' };

/** True for the link targets markup may use: https URLs, mailto addresses and paths on the site (`/pricing`). */
export function isSafeHref(href: string): boolean {
  return /^(https:\/\/[^\s/]|mailto:[^\s]|\/(?!\/))/i.test(href) && !/[\s<>"'`]/.test(href);
}

/**
 * Parses `**bold**`, `*italic*` or `_italic_`, `[label](href)` and line breaks; a backslash escapes `\ * _ [ ] ( )`.
 * A marker without its partner stays literal text; a link with an unsafe target becomes its label as text.
 */
export function parseMarkup(source: string): MarkupNode[] {
  const out: MarkupNode[] = [];
  let text = '';
  const flush = () => {
    if (text) out.push({ type: 'text', text });
    text = '';
  };
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    const next = source[i + 1];
    if (ch === '\\' && next !== undefined && '\\*_[]()'.includes(next)) {
      text += next;
      i++;
    } else if (ch === '\n') {
      flush();
      out.push({ type: 'break' });
    } else if (ch === '\r') {
      // \r\n and lone \r are line breaks too; the \n of \r\n makes the break.
      if (next !== '\n') {
        flush();
        out.push({ type: 'break' });
      }
    } else if (ch === '*' && next === '*') {
      const end = source.indexOf('**', i + 2);
      if (end > i + 2) {
        flush();
        out.push({ type: 'bold', children: parseMarkup(source.slice(i + 2, end)) });
        i = end + 1;
      } else text += '**', i++;
    } else if ((ch === '*' || (ch === '_' && !/\w/.test(source[i - 1] ?? ''))) && next !== ch && next !== ' ') {
      const end = closing(source, ch, i + 1);
      if (end > i + 1) {
        flush();
        out.push({ type: 'italic', children: parseMarkup(source.slice(i + 1, end)) });
        i = end;
      } else text += ch;
    } else if (ch === '[') {
      const mid = source.indexOf('](', i + 1);
      const end = mid < 0 ? -1 : source.indexOf(')', mid + 2);
      if (end > 0 && mid > i + 1 && !source.slice(i + 1, mid).includes('[')) {
        flush();
        const href = source.slice(mid + 2, end).trim();
        const children = parseMarkup(source.slice(i + 1, mid));
        if (isSafeHref(href)) out.push({ type: 'link', href, children });
        else out.push(...children);
        i = end;
      } else text += ch;
    } else text += ch;
  }
  flush();
  return out;
}

// The closing single marker: not doubled (for *), not preceded by a space, and for _ not followed by a word character.
function closing(source: string, marker: string, from: number): number {
  for (let j = source.indexOf(marker, from); j >= 0; j = source.indexOf(marker, j + 1)) {
    if (source[j - 1] === ' ' || source[j - 1] === '\\') continue;
    if (marker === '*' && (source[j + 1] === '*' || source[j - 1] === '*')) continue;
    if (marker === '_' && /\w/.test(source[j + 1] ?? '')) continue;
    return j;
  }
  return -1;
}

/**
 * The first reason a body's markup would not show as its author meant, for the campaign validator, or null: HTML tags
 * (refused: the body is never HTML) and links whose target is not https, mailto or a path on the site.
 */
export function markupProblem(source: string): string | null {
  const tag = /<\/?[a-z!?][^>]*>?/i.exec(source);
  if (tag) {
    return `contains HTML (${tag[0].slice(0, 30)}); HTML is never rendered — use **bold**, *italic* and [link text](https://…) instead`;
  }
  for (const m of source.matchAll(/\]\(([^)]*)\)/g)) {
    if (!isSafeHref(m[1]!.trim())) return `has a link to “${m[1]!.slice(0, 60)}”; links must start with https://, mailto: or / (a page on your site)`;
  }
  return null;
}
