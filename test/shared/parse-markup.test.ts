import { describe, expect, it } from 'vitest';
import { isSafeHref, markupProblem, parseMarkup } from '../../src/shared/parse-markup';

const text = (t: string) => ({ type: 'text', text: t });

describe('parseMarkup', () => {
  it('reads plain text as one text node', () => {
    expect(parseMarkup('Hello there')).toEqual([text('Hello there')]);
    expect(parseMarkup('')).toEqual([]);
  });

  it('reads bold, italic (* or _), links and line breaks, nested', () => {
    expect(parseMarkup('a **b** *c* _d_\n[e **f**](https://x.example/p?q=1)')).toEqual([
      text('a '),
      { type: 'bold', children: [text('b')] },
      text(' '),
      { type: 'italic', children: [text('c')] },
      text(' '),
      { type: 'italic', children: [text('d')] },
      { type: 'break' },
      { type: 'link', href: 'https://x.example/p?q=1', children: [text('e '), { type: 'bold', children: [text('f')] }] },
    ]);
    expect(parseMarkup('**bold *italic* more**')).toEqual([
      { type: 'bold', children: [text('bold '), { type: 'italic', children: [text('italic')] }, text(' more')] },
    ]);
    expect(parseMarkup('a\r\nb\rc')).toEqual([text('a'), { type: 'break' }, text('b'), { type: 'break' }, text('c')]);
  });

  it('leaves unpaired markers, snake_case, arithmetic and escapes as text', () => {
    expect(parseMarkup('2 * 3 = 6 and **open')).toEqual([text('2 * 3 = 6 and **open')]);
    expect(parseMarkup('use snake_case_names')).toEqual([text('use snake_case_names')]);
    expect(parseMarkup('\\*not italic\\* and \\[x\\](y)')).toEqual([text('*not italic* and [x](y)')]);
    expect(parseMarkup('[no target] here')).toEqual([text('[no target] here')]);
  });

  it('keeps HTML and script as literal text: nothing becomes markup but the markup above', () => {
    const nodes = parseMarkup('<script>alert(1)</script><img src=x onerror=alert(1)>');
    expect(nodes).toEqual([text('<script>alert(1)</script><img src=x onerror=alert(1)>')]);
  });

  it('turns a link with an unsafe target into its label as text', () => {
    expect(parseMarkup('[click](javascript:alert(1))')).toEqual([text('click'), text(')')]);
    expect(parseMarkup('[a](data:text/html,x) [b](//evil.example) [c](http://plain.example)')).toEqual([
      text('a'), text(' '), text('b'), text(' '), text('c'),
    ]);
    expect(parseMarkup('[mail](mailto:hi@example.com)')).toEqual([{ type: 'link', href: 'mailto:hi@example.com', children: [text('mail')] }]);
  });
});

describe('isSafeHref', () => {
  it('allows https, mailto and site paths only', () => {
    for (const ok of ['https://example.com', 'https://example.com/a?b#c', 'mailto:a@b.c', '/pricing', '/']) expect(isSafeHref(ok)).toBe(true);
    for (const bad of ['javascript:alert(1)', 'JAVASCRIPT:x', 'http://example.com', '//evil.example', 'data:text/html,x', 'https://', 'pricing', 'https://a.example/"onmouseover=x', ' /x'])
      expect(isSafeHref(bad)).toBe(false);
  });
});

describe('markupProblem', () => {
  it('names HTML and unsafe links, and passes good markup', () => {
    expect(markupProblem('Hi **there**, see [plans](/pricing)')).toBeNull();
    expect(markupProblem('x < y and a<b')).toMatch(/^contains HTML \(<b\)/);
    expect(markupProblem('1 < 2')).toBeNull();
    expect(markupProblem('<!-- hidden -->')).toMatch(/^contains HTML/);
    expect(markupProblem('[x](http://example.com)')).toMatch(/^has a link to “http:\/\/example\.com”/);
  });
});
