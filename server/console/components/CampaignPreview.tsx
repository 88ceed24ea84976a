import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Draft } from '../campaign-draft';
import { previewModel } from '../campaign-preview-model';
import { kindLabel } from '../campaign-format';
import { renderPreview } from '../../../src/widget/preview';

/** Props of {@link CampaignPreview}. */
export interface CampaignPreviewProps {
  draft: Draft;
  locale: string;
  onLocale(locale: string): void;
}

type Content = Record<string, unknown>;
const asRecord = (v: unknown): Content => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Content) : {});

/** The widget's default primary colour (a site's tag may set its own with data-color). */
const DEFAULT_COLOR = '#4f46e5';

function prefersDark(): boolean {
  try {
    return matchMedia('(prefers-color-scheme: dark)').matches;
  } catch {
    return false;
  }
}

/**
 * The message as a visitor will see it, drawn by the widget's own components and stylesheet (renderPreview of
 * src/widget/preview.tsx) from the campaign compiled by src/shared's compileCampaign: in each of the campaign's
 * locales, per variant (the control sees nothing), in the site's colour, light or dark. It follows the draft as the
 * operator types, as long as the message part of the campaign is valid.
 */
export function CampaignPreview({ draft, locale, onLocale }: CampaignPreviewProps) {
  const model = useMemo(() => previewModel(draft), [draft]);
  const [variant, setVariant] = useState('');
  const [color, setColor] = useState(DEFAULT_COLOR);
  const [theme, setTheme] = useState<'light' | 'dark'>(prefersDark() ? 'dark' : 'light');
  const [failure, setFailure] = useState<string | null>(null);
  const host = useRef<HTMLDivElement>(null);

  const variants = (asRecord(draft.experiment).variants as { id?: unknown; content?: unknown }[] | undefined) ?? [];
  const variantIds = (Array.isArray(variants) ? variants : []).map((v) => (typeof v?.id === 'string' ? v.id : '')).filter(Boolean);
  const chosen = variant === 'control' || variantIds.includes(variant) ? variant : (variantIds[0] ?? '');
  const own = (Array.isArray(variants) ? variants : []).find((v) => v?.id === chosen)?.content;
  const locales = Object.keys(asRecord(own ?? draft.content));
  const fallback = typeof draft.defaultLocale === 'string' ? draft.defaultLocale : '';
  const shownLocale = locales.includes(locale) ? locale : locales.includes(fallback) ? fallback : (locales[0] ?? '');
  const visible = model.ok && chosen !== 'control';

  useEffect(() => {
    const el = host.current;
    if (!el || !model.ok || chosen === 'control') return;
    let unmount: (() => void) | undefined;
    try {
      unmount = renderPreview(el, model.compiled, { locale: shownLocale, variant: chosen || undefined, color, theme });
      setFailure(null);
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    }
    return () => unmount?.();
  }, [model, shownLocale, chosen, color, theme]);

  return (
    <div class="preview panel">
      <h2>Preview</h2>
      <div class="inline-fields preview-controls">
        <div class="field-row">
          <label for="preview-locale">Locale</label>
          <select id="preview-locale" value={shownLocale} onChange={(e) => onLocale(e.currentTarget.value)}>
            {locales.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        </div>
        {variantIds.length > 0 && (
          <div class="field-row">
            <label for="preview-variant">Variant</label>
            <select id="preview-variant" value={chosen} onChange={(e) => setVariant(e.currentTarget.value)}>
              {variantIds.map((v) => (
                <option key={v} value={v}>
                  Variant {v}
                </option>
              ))}
              <option value="control">Control (holdout)</option>
            </select>
          </div>
        )}
        <div class="field-row">
          <label for="preview-theme">Theme</label>
          <select id="preview-theme" value={theme} onChange={(e) => setTheme(e.currentTarget.value === 'dark' ? 'dark' : 'light')}>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </div>
        <div class="field-row">
          <label for="preview-color">Site colour</label>
          <input id="preview-color" type="color" value={color} onInput={(e) => setColor(e.currentTarget.value || DEFAULT_COLOR)} />
        </div>
      </div>
      <p class="muted small">{kindLabel(asRecord(draft.kind) as { type?: unknown })}</p>
      <div class={theme === 'dark' ? 'preview-stage dark' : 'preview-stage'}>
        {!model.ok ? (
          <p class="muted">The preview shows once the kind and content are valid ({model.errors.length} to fix).</p>
        ) : chosen === 'control' ? (
          <p class="muted">Control visitors see nothing: an impression is recorded to compare against.</p>
        ) : failure ? (
          <p class="error" role="alert">
            The preview could not draw this message: {failure}
          </p>
        ) : null}
        {/* Always in the DOM, so its shadow root (where the widget draws) survives edits; hidden when there is nothing to show. */}
        <div ref={host} class="preview-host" hidden={!visible || failure !== null} aria-label={`Preview in ${shownLocale}`} role="region" />
      </div>
    </div>
  );
}
