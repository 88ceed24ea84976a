import { scriptTag } from '../script-tag';
import { CopyButton } from './CopyButton';

/** Props of {@link TagSnippet}. */
export interface TagSnippetProps {
  writeKey: string;
  /** The collector's public origin; the console runs on it, so it defaults to `location.origin`. */
  endpoint?: string;
}

/** The script tag to paste, as text, with a copy button. */
export function TagSnippet({ writeKey, endpoint = location.origin }: TagSnippetProps) {
  const tag = scriptTag(endpoint, writeKey);
  return (
    <div class="panel snippet">
      <h2 id="tag-title">Install</h2>
      <p class="muted small">
        Paste this tag into the <code>&lt;head&gt;</code> of every page. It loads asynchronously and never blocks your
        page.
      </p>
      <pre class="code" aria-labelledby="tag-title" tabIndex={0}>
        <code>{tag}</code>
      </pre>
      <CopyButton text={tag} label="Copy tag" />
    </div>
  );
}
