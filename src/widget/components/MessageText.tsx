import { linkify } from '../linkify';

/**
 * A message's plain text: http(s) URLs become links that open in a new tab without access to this page;
 * everything else stays text (Preact sets it as a text node, never HTML).
 */
export function MessageText({ text }: { text: string }) {
  return (
    <p>
      {linkify(text).map((part, i) =>
        i % 2 ? (
          <a href={part} target="_blank" rel="noopener noreferrer">
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </p>
  );
}
