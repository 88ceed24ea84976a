import { useMemo, useState } from 'preact/hooks';
import type { Draft } from '../campaign-draft';
import { previewModel } from '../campaign-preview-model';
import { kindLabel } from '../campaign-format';
import { CampaignMarkup } from './CampaignMarkup';

/** Props of {@link CampaignPreview}. */
export interface CampaignPreviewProps {
  draft: Draft;
  locale: string;
  onLocale(locale: string): void;
}

type Content = Record<string, Record<string, unknown>>;
const asContent = (v: unknown): Content => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Content) : {});

/** The content a visitor in `variant` sees: the variant's own, or the campaign's. */
function contentFor(draft: Draft, variant: string): Content {
  const variants = (draft.experiment as { variants?: { id?: unknown; content?: unknown }[] } | undefined)?.variants ?? [];
  const own = variants.find((v) => v?.id === variant)?.content;
  return asContent(own ?? draft.content);
}

/** A plain rendering of one locale's message (title, image, body markup, buttons, survey), text only. */
function Sketch({ content, kind }: { content: Record<string, unknown>; kind: Record<string, unknown> }) {
  const buttons = Array.isArray(content.buttons) ? (content.buttons as { label?: unknown }[]) : [];
  const choices = Array.isArray(content.choices) ? content.choices : [];
  const image = content.image as { url?: unknown; alt?: unknown } | undefined;
  const scale = content.scale as { low?: unknown; high?: unknown } | undefined;
  const survey = kind.type === 'survey' ? kind.survey : undefined;
  return (
    <div class={`sketch sketch-${String(kind.type)}${kind.position ? ` sketch-${String(kind.position)}` : ''}`}>
      {typeof content.title === 'string' && <p class="sketch-title">{content.title}</p>}
      {image && typeof image.url === 'string' && <p class="sketch-image">Image: {String(image.alt ?? '')}</p>}
      {typeof content.body === 'string' && (
        <p class="sketch-body">
          <CampaignMarkup source={content.body} />
        </p>
      )}
      {(survey === 'nps' || survey === 'csat') && (
        <p class="sketch-scale" aria-label="Scale">
          <span>{String(scale?.low ?? '')}</span>
          <span>{survey === 'nps' ? '0 … 10' : '1 … 5'}</span>
          <span>{String(scale?.high ?? '')}</span>
        </p>
      )}
      {survey === 'single-choice' && (
        <ul class="sketch-choices">
          {choices.map((c, i) => (
            <li key={i}>{String(c)}</li>
          ))}
        </ul>
      )}
      {survey === 'free-text' && <p class="sketch-text">A text box for the answer</p>}
      {buttons.length > 0 && (
        <p class="sketch-buttons">
          {buttons.map((b, i) => (
            <span key={i} class="sketch-button">
              {String(b.label ?? '')}
            </span>
          ))}
        </p>
      )}
    </div>
  );
}

/**
 * The message as a visitor will see it, in each of the campaign's locales and per variant (the control sees nothing).
 * It follows the draft as the operator types, as long as the message part of the campaign is valid.
 */
export function CampaignPreview({ draft, locale, onLocale }: CampaignPreviewProps) {
  const model = useMemo(() => previewModel(draft), [draft]);
  const [variant, setVariant] = useState('');
  const variantIds = ((draft.experiment as { variants?: { id?: unknown }[] } | undefined)?.variants ?? [])
    .map((v) => (typeof v?.id === 'string' ? v.id : ''))
    .filter(Boolean);
  const chosen = variant === 'control' || variantIds.includes(variant) ? variant : (variantIds[0] ?? '');
  const content = contentFor(draft, chosen);
  const locales = Object.keys(content);
  const shownLocale = locales.includes(locale) ? locale : typeof draft.defaultLocale === 'string' && locales.includes(draft.defaultLocale) ? draft.defaultLocale : (locales[0] ?? '');
  const kind = asContent({ k: draft.kind }).k ?? {};

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
      </div>
      <p class="muted small">{kindLabel(kind as { type?: unknown })}</p>
      <div class="preview-stage" aria-live="polite">
        {!model.ok ? (
          <p class="muted">The preview shows once the kind and content are valid ({model.errors.length} to fix).</p>
        ) : chosen === 'control' ? (
          <p class="muted">Control visitors see nothing: an impression is recorded to compare against.</p>
        ) : (
          <Sketch content={content[shownLocale] ?? {}} kind={kind} />
        )}
      </div>
    </div>
  );
}
