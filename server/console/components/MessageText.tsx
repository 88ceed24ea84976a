import { linkify } from '../linkify';

/** Props of {@link MessageText}. */
export interface MessageTextProps {
  text: string;
}

/**
 * Untrusted chat text shown as text, with http(s) URLs as links that open in a new tab without handing the
 * visitor's page a reference to the console (rel="noopener noreferrer"). Line breaks are kept by CSS.
 */
export function MessageText({ text }: MessageTextProps) {
  return (
    <>
      {linkify(text).map((part, i) =>
        part.kind === 'link' ? (
          <a key={i} href={part.href} target="_blank" rel="noopener noreferrer">
            {part.text}
          </a>
        ) : (
          part.text
        ),
      )}
    </>
  );
}
