import type { MarkupNode } from '../../shared/parse-markup';
import { safeUrl } from '../safe-url';

/**
 * A campaign body's parsed safe markup (src/shared/parse-markup.ts) as Preact elements: text stays text nodes, never
 * HTML. Links open in a new tab without access to this page; one whose target is not http(s) or mailto shows as text.
 */
export function Markup({ nodes }: { nodes: MarkupNode[] }) {
  return (
    <>
      {nodes.map((n) => {
        if (n.type == 'text') return n.text;
        if (n.type == 'break') return <br />;
        const inner = <Markup nodes={n.children} />;
        if (n.type != 'link') return n.type == 'bold' ? <b>{inner}</b> : <i>{inner}</i>;
        const href = safeUrl(n.href);
        return href ? (
          <a href={href} target="_blank" rel="noopener">
            {inner}
          </a>
        ) : (
          inner
        );
      })}
    </>
  );
}
