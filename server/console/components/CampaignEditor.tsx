import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Api } from '../api';
import { ApiError, errorMessage, type FieldError } from '../api-error';
import { createCampaignApi } from '../campaign-api';
import { getIn, pathKey, setIn, type Draft, type DraftPath } from '../campaign-draft';
import { visibleErrors, withoutEdited } from '../campaign-errors';
import { newCampaign } from '../campaign-template';
import { navigate, routeHref } from '../route';
import { validateCampaign } from '../../../src/shared/validate-campaign';
import type { Campaign, CampaignStatus } from '../../../src/shared/campaign-schema';
import { CampaignErrorSummary } from './CampaignErrorSummary';
import type { FieldContext } from './CampaignFields';
import { CampaignForm } from './CampaignForm';
import { CampaignHeader } from './CampaignHeader';
import { CampaignJsonEditor } from './CampaignJsonEditor';
import { CampaignPreview } from './CampaignPreview';
import { CopyButton } from './CopyButton';

/** Props of {@link CampaignEditor}. */
export interface CampaignEditorProps {
  api: Api;
  site: string;
  /** The campaign to edit; null for a new one. */
  campaignId: string | null;
  /** The site's time zone, for new schedules. */
  timezone: string;
}

type Load = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready' };

/** Optional parts left empty by the form are removed rather than saved as `{}`. */
const PRUNE: DraftPath[] = [['audience', 'score'], ['audience']];

/**
 * The campaign editor: a form and a JSON view of the same campaign, checked as the operator types by validateCampaign
 * (src/shared, the collector's own check), with problems next to their fields; a live preview per locale and variant;
 * saving creates the campaign or a new version, and a 409 says someone saved in between.
 */
export function CampaignEditor({ api, site, campaignId, timezone }: CampaignEditorProps) {
  const campaigns = useMemo(() => createCampaignApi(api), [api]);
  const isNew = campaignId === null;
  const [load, setLoad] = useState<Load>(isNew ? { state: 'ready' } : { state: 'loading' });
  const [draft, setDraft] = useState<Draft>(() => newCampaign());
  /** The stored version the edits build on (0 for a new campaign). */
  const [base, setBase] = useState(0);
  const [savedJson, setSavedJson] = useState<string | null>(null);
  const [touched, setTouched] = useState<Set<string>>(() => new Set());
  const [showAll, setShowAll] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState('');
  const [view, setView] = useState<'form' | 'json'>('form');
  const [locale, setLocale] = useState('en');
  const [tiers, setTiers] = useState<string[]>([]);
  const summaryFocus = useRef(false);

  const adopt = (campaign: Campaign) => {
    setDraft(campaign as unknown as Draft);
    setBase(campaign.version);
    setSavedJson(JSON.stringify(campaign));
    setLocale(campaign.defaultLocale);
    setTouched(new Set());
    setShowAll(false);
    setServerErrors([]);
    setConflict(null);
  };

  const reload = async () => {
    if (campaignId === null) return;
    setLoad({ state: 'loading' });
    try {
      const detail = await campaigns.get(site, campaignId);
      adopt(detail.campaign);
      setLoad({ state: 'ready' });
    } catch (err) {
      setLoad({ state: 'error', message: errorMessage(err) });
    }
  };

  /** The id of the campaign this editor just created: its page needs no reload, the editor already holds it. */
  const created = useRef<string | null>(null);
  useEffect(() => {
    if (campaignId === null) {
      adopt(newCampaign() as unknown as Campaign);
      setBase(0);
      setSavedJson(null);
      setNotice('');
      setLoad({ state: 'ready' });
    } else if (campaignId !== created.current) {
      setNotice('');
      void reload();
    }
    created.current = null;
  }, [site, campaignId]);

  useEffect(() => {
    let current = true;
    campaigns.engagement(site).then(
      (answer) => current && setTiers(answer.settings.tiers.map((t) => t.name)),
      () => undefined, // Tier names are a convenience: the audience still takes typed ones through the JSON view.
    );
    return () => {
      current = false;
    };
  }, [campaigns, site]);

  const validation = useMemo(() => validateCampaign(draft), [draft]);
  const localErrors = validation.ok ? [] : validation.errors;
  const shown = visibleErrors(localErrors, serverErrors, touched, showAll);
  const dirty = savedJson === null ? true : JSON.stringify(draft) !== savedJson;

  useEffect(() => {
    if (summaryFocus.current) {
      summaryFocus.current = false;
      document.getElementById('campaign-errors')?.focus();
    }
  });

  const edit = (next: Draft, path: string | null) => {
    setDraft(next);
    setNotice('');
    setFailure(null);
    if (path === null) {
      // A JSON edit may change anything: check everything.
      setShowAll(true);
      setServerErrors([]);
    } else {
      setTouched((prev) => (prev.has(path) ? prev : new Set(prev).add(path)));
      setServerErrors((prev) => withoutEdited(prev, path));
    }
  };

  const ctx: FieldContext = {
    get: (path) => getIn(draft, path),
    set: (path, value) => {
      let next = setIn(draft, path, value);
      for (const p of PRUNE) {
        const v = getIn(next, p);
        if (v && typeof v === 'object' && !Array.isArray(v) && !Object.keys(v).length) next = setIn(next, p, undefined);
      }
      edit(next, pathKey(path));
    },
    errors: (path) => {
      const key = typeof path === 'string' ? path : pathKey(path);
      return shown.filter((e) => e.path === key).map((e) => e.message);
    },
  };

  const save = async () => {
    setShowAll(true);
    setNotice('');
    setFailure(null);
    if (!validation.ok) {
      summaryFocus.current = true;
      return;
    }
    setSaving(true);
    try {
      // The status goes with a save only when it was changed here: left out, the collector keeps the stored one, so a
      // pause made meanwhile (from the list, by someone else) is not undone by saving content.
      const { status, ...rest } = draft;
      const storedStatus = savedJson === null ? undefined : (JSON.parse(savedJson) as Draft).status;
      const record = isNew
        ? await campaigns.create(site, draft)
        : await campaigns.save(site, campaignId, status === storedStatus ? { ...rest, version: base + 1 } : { ...draft, version: base + 1 });
      adopt(record.campaign);
      setNotice(isNew ? 'Created.' : `Saved as version ${record.campaign.version}.`);
      if (isNew) {
        created.current = record.campaign.id;
        navigate(routeHref({ view: 'campaign', param: record.campaign.id, site }), true);
      }
    } catch (err) {
      if (err instanceof ApiError && err.code === 'version_conflict') {
        setConflict(err.message);
      } else if (err instanceof ApiError && err.code === 'campaign_exists') {
        setServerErrors([{ path: 'id', message: `id ${err.message}` }]);
        summaryFocus.current = true;
      } else if (err instanceof ApiError && err.errors.length) {
        setServerErrors(err.errors);
        summaryFocus.current = true;
      } else {
        setFailure(errorMessage(err));
      }
    } finally {
      setSaving(false);
    }
  };

  const setStatus = async (status: CampaignStatus) => {
    if (isNew) return;
    const record = await campaigns.setStatus(site, campaignId, status);
    // Status is not a new version: the draft and the saved copy take it without losing other edits.
    setDraft((prev) => ({ ...prev, status: record.campaign.status }));
    setSavedJson((prev) => (prev === null ? prev : JSON.stringify({ ...JSON.parse(prev), status: record.campaign.status })));
  };

  if (load.state === 'loading') return <p class="empty">Loading the campaign…</p>;
  if (load.state === 'error') {
    return (
      <section aria-labelledby="view-title">
        <h1 id="view-title" tabIndex={-1}>
          Campaign
        </h1>
        <div class="error" role="alert">
          <p>{load.message}</p>
          <button type="button" onClick={reload}>
            Try again
          </button>
        </div>
      </section>
    );
  }

  const name = typeof draft.name === 'string' && draft.name ? draft.name : typeof draft.id === 'string' && draft.id ? draft.id : 'New campaign';
  const count = shown.length;

  return (
    <section aria-labelledby="view-title" class="campaign-editor">
      <CampaignHeader
        site={site}
        id={isNew ? null : campaignId}
        title={isNew ? 'New campaign' : name}
        status={isNew ? null : (String(draft.status ?? 'draft') as CampaignStatus)}
        onStatus={setStatus}
        current="edit"
      />
      <form
        class="editor-layout"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
        onKeyDown={(event) => {
          // Ctrl/⌘+S saves, as in any editor.
          if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
            event.preventDefault();
            void save();
          }
        }}
        aria-label={isNew ? 'New campaign' : `Edit ${name}`}
      >
        <div class="editor-main">
          <div class="editor-bar">
            <div class="segmented" role="group" aria-label="Edit as">
              <button type="button" aria-pressed={view === 'form'} onClick={() => setView('form')}>
                Form
              </button>
              <button type="button" aria-pressed={view === 'json'} onClick={() => setView('json')}>
                JSON
              </button>
            </div>
            <p class="muted small" role="status">
              {isNew ? 'Not saved yet.' : `Version ${base}${dirty ? ' · unsaved changes' : ' · saved'}`}
              {validation.ok ? '' : ` · ${localErrors.length} ${localErrors.length === 1 ? 'problem' : 'problems'}`}
            </p>
          </div>
          {conflict && (
            <div class="error" role="alert">
              <p>
                <strong>Someone saved this campaign while you were editing.</strong> {conflict}
              </p>
              <p>Reload to continue from their version. Your changes are replaced; copy them first to keep them.</p>
              <div class="button-row">
                <button type="button" class="primary" onClick={reload}>
                  Reload the latest version
                </button>
                <CopyButton text={JSON.stringify(draft, null, 2)} label="Copy my changes (JSON)" />
              </div>
            </div>
          )}
          {(showAll || serverErrors.length > 0) && (
            <CampaignErrorSummary
              errors={shown}
              title={`${count} ${count === 1 ? 'problem' : 'problems'} to fix before saving`}
              linked={view === 'form'}
            />
          )}
          {view === 'form' ? (
            <CampaignForm
              ctx={ctx}
              draft={draft}
              isNew={isNew}
              locale={locale}
              onLocale={setLocale}
              timezone={timezone}
              tiers={tiers}
              replace={(next) => edit(next, 'kind')}
            />
          ) : (
            <CampaignJsonEditor draft={draft} onChange={(next) => edit(next, null)} />
          )}
          {failure && (
            <p class="error" role="alert">
              {failure}
            </p>
          )}
          <div class="button-row save-bar">
            <button type="submit" class="primary" disabled={saving}>
              {saving ? 'Saving…' : isNew ? 'Create campaign' : 'Save new version'}
            </button>
            <span class="ok" role="status">
              {notice}
            </span>
          </div>
        </div>
        <aside class="editor-preview" aria-label="Preview">
          <CampaignPreview draft={draft} locale={locale} onLocale={setLocale} />
        </aside>
      </form>
    </section>
  );
}
