import type { ComponentChildren } from 'preact';
import { routeHref } from '../route';
import type { SettingsForm } from '../use-settings-form';
import { CampaignErrorSummary } from './CampaignErrorSummary';
import { Link } from './Link';
import { LoadError } from './LoadError';

/** Props of {@link SettingsFormPage}. */
export interface SettingsFormPageProps<T> {
  site: string;
  /** The page's heading. */
  title: string;
  /** What the settings do, under the heading. */
  lead: ComponentChildren;
  /** The form's state, from useSettingsForm. */
  settings: SettingsForm<T>;
  /** The form's accessible name. */
  label: string;
  /** The submit button's text. */
  saveLabel: string;
  /** Buttons after the submit button. */
  buttons?: ComponentChildren;
  /** The form's fields. */
  children: ComponentChildren;
}

/**
 * A campaign-settings page (message limits, engagement score): back to Campaigns, the heading with a "Defaults" badge
 * while the site has none of its own, the load error or the form with its error summary, failure line, Save button and
 * status line.
 */
export function SettingsFormPage<T>({ site, title, lead, settings, label, saveLabel, buttons, children }: SettingsFormPageProps<T>) {
  const { custom, loadError } = settings;
  return (
    <section aria-labelledby="view-title">
      <p class="back">
        <Link href={routeHref({ view: 'campaigns', param: null, site })}>← Campaigns</Link>
      </p>
      <header class="view-header">
        <h1 id="view-title" tabIndex={-1}>
          {title}
        </h1>
        {custom === false && <span class="badge">Defaults</span>}
      </header>
      <p class="lead">{lead}</p>
      <LoadError error={loadError} onRetry={settings.reload} />
      {custom === null && !loadError ? (
        <p class="empty">Loading…</p>
      ) : (
        <form class="panel form" noValidate onSubmit={settings.submit} aria-label={label}>
          {settings.summaryShown && <CampaignErrorSummary errors={settings.form.shown} title="Fix these to save" linked />}
          {children}
          {settings.failure && (
            <p class="error" role="alert">
              {settings.failure}
            </p>
          )}
          <div class="button-row">
            <button type="submit" class="primary" disabled={settings.saving}>
              {settings.saving ? 'Saving…' : saveLabel}
            </button>
            {buttons}
            <span class="ok" role="status">
              {settings.notice}
            </span>
          </div>
        </form>
      )}
    </section>
  );
}
