import type { ComponentChildren } from 'preact';

/** Props of {@link Placeholder}. */
export interface PlaceholderProps {
  title: string;
  children?: ComponentChildren;
}

/** A view that a later release fills in (dashboard, inbox, campaigns). */
export function Placeholder({ title, children }: PlaceholderProps) {
  return (
    <section aria-labelledby="view-title">
      <header class="view-header">
        <h1 id="view-title" tabIndex={-1}>
          {title}
        </h1>
        <span class="badge badge-soon">Coming soon</span>
      </header>
      <div class="panel placeholder">{children}</div>
    </section>
  );
}
