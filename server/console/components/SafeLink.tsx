import { linkify } from '../linkify';

/** Props of {@link SafeLink}. */
export interface SafeLinkProps {
  /** An untrusted URL (a page the visitor saw). */
  url: string;
  /** Text to show instead of the URL. */
  label?: string;
}

/** An untrusted URL as a link when it is http(s) (new tab, no opener, no referrer), else as plain text. */
export function SafeLink({ url, label }: SafeLinkProps) {
  const parts = linkify(url);
  const only = parts.length === 1 ? parts[0] : undefined;
  if (only?.kind !== 'link') return <>{label ?? url}</>;
  return (
    <a href={only.href} target="_blank" rel="noopener noreferrer" title={url}>
      {label ?? url}
    </a>
  );
}
