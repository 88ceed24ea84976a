import { parseMarkup, type MarkupNode } from '../../../src/shared/parse-markup';

function Node({ node }: { node: MarkupNode }) {
  switch (node.type) {
    case 'text':
      return <>{node.text}</>;
    case 'break':
      return <br />;
    case 'bold':
      return <strong>{node.children.map((c, i) => <Node key={i} node={c} />)}</strong>;
    case 'italic':
      return <em>{node.children.map((c, i) => <Node key={i} node={c} />)}</em>;
    case 'link':
      // A preview: the link is shown, not followed (the target is checked by isSafeHref anyway).
      return (
        <a href={node.href} target="_blank" rel="noopener noreferrer nofollow">
          {node.children.map((c, i) => <Node key={i} node={c} />)}
        </a>
      );
  }
}

/** A campaign body in the safe markup, as elements and text nodes (never HTML), exactly as parseMarkup reads it. */
export function CampaignMarkup({ source }: { source: string }) {
  return (
    <>
      {parseMarkup(source).map((node, i) => (
        <Node key={i} node={node} />
      ))}
    </>
  );
}
