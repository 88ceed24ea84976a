import { useMemo, useState } from 'preact/hooks';
import type { Api } from '../api';
import { errorMessage } from '../api-error';
import type { Site, SiteInput } from '../types';

/** Props of {@link SiteEditor}. */
export interface SiteEditorProps {
  api: Api;
  /** The site to edit, or null to create one. */
  site: Site | null;
  onSaved(site: Site): void;
}

function timeZones(): string[] {
  try {
    const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
    return intl.supportedValuesOf?.('timeZone') ?? [];
  } catch {
    return [];
  }
}

function localZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** Retention offered for a new site, in days. */
export const NEW_SITE_RETENTION_DAYS = 395;

/** Splits the origins textarea: one origin per line (commas and spaces also separate). */
export function parseOrigins(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).map((origin) => origin.trim().replace(/\/+$/, '')).filter(Boolean))];
}

/** Create or edit a site: name, id (on create), allowed origins, timezone and retention. */
export function SiteEditor({ api, site, onSaved }: SiteEditorProps) {
  const creating = site === null;
  const [name, setName] = useState(site?.name ?? '');
  const [id, setId] = useState('');
  const [origins, setOrigins] = useState((site?.origins ?? []).join('\n'));
  const [timezone, setTimezone] = useState(site?.timezone ?? localZone());
  // New sites start with the collector's default (server/admin/site-routes.ts DEFAULT_RETENTION_DAYS, ~13 months).
  const [retention, setRetention] = useState(
    site === null ? String(NEW_SITE_RETENTION_DAYS) : site.retentionDays == null ? '' : String(site.retentionDays),
  );
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const zones = useMemo(timeZones, []);
  const prefix = creating ? 'new-site' : `site-${site.id}`;

  const submit = async (event: Event) => {
    event.preventDefault();
    setSaved(false);
    if (!name.trim()) {
      setError('Give the site a name.');
      return;
    }
    const days = retention.trim() === '' ? null : Number(retention);
    if (days !== null && (!Number.isInteger(days) || days < 1)) {
      setError('Retention is a whole number of days (1 or more), or blank to keep events until you erase them.');
      return;
    }
    const input: SiteInput = { name: name.trim(), origins: parseOrigins(origins), timezone: timezone.trim() || 'UTC' };
    input.retentionDays = days;
    if (creating && id.trim()) input.id = id.trim();
    setBusy(true);
    setError(null);
    try {
      const result = creating ? await api.createSite(input) : await api.updateSite(site.id, input);
      setSaved(true);
      onSaved(result);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="panel form" onSubmit={submit} noValidate aria-labelledby={`${prefix}-title`}>
      <h2 id={`${prefix}-title`}>{creating ? 'New site' : 'Settings'}</h2>
      <label for={`${prefix}-name`}>Name</label>
      <input id={`${prefix}-name`} required value={name} onInput={(event) => setName(event.currentTarget.value)} />
      {creating && (
        <>
          <label for={`${prefix}-id`}>Id (optional)</label>
          <input
            id={`${prefix}-id`}
            value={id}
            aria-describedby={`${prefix}-id-help`}
            spellcheck={false}
            autocapitalize="off"
            onInput={(event) => setId(event.currentTarget.value)}
          />
          <p id={`${prefix}-id-help`} class="help">
            Lowercase letters, digits and dashes, used in URLs. Leave blank to generate one.
          </p>
        </>
      )}
      <label for={`${prefix}-origins`}>Allowed origins</label>
      <textarea
        id={`${prefix}-origins`}
        rows={4}
        value={origins}
        spellcheck={false}
        autocapitalize="off"
        aria-describedby={`${prefix}-origins-help`}
        onInput={(event) => setOrigins(event.currentTarget.value)}
      />
      <p id={`${prefix}-origins-help`} class="help">
        One per line, like <code>https://www.example.com</code>. A port may be <code>*</code> (
        <code>http://localhost:*</code>). Events from other origins are refused.
      </p>
      <label for={`${prefix}-tz`}>Timezone</label>
      <input
        id={`${prefix}-tz`}
        list={zones.length ? `${prefix}-zones` : undefined}
        value={timezone}
        spellcheck={false}
        onInput={(event) => setTimezone(event.currentTarget.value)}
      />
      {zones.length > 0 && (
        <datalist id={`${prefix}-zones`}>
          {zones.map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
      )}
      <label for={`${prefix}-retention`}>Keep events for (days)</label>
      <input
        id={`${prefix}-retention`}
        type="number"
        inputMode="numeric"
        min={1}
        step={1}
        value={retention}
        aria-describedby={`${prefix}-retention-help`}
        onInput={(event) => setRetention(event.currentTarget.value)}
      />
      <p id={`${prefix}-retention-help`} class="help">
        Older events are deleted every day. Leave blank to keep them until you erase them.
      </p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="button-row">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Saving…' : creating ? 'Create site' : 'Save changes'}
        </button>
        <span role="status" class="ok">
          {saved && !creating ? 'Saved.' : ''}
        </span>
      </div>
    </form>
  );
}
