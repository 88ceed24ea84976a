import { useState } from 'preact/hooks';
import { fieldId, type DraftPath } from '../campaign-draft';
import { CheckField, Field, FieldGroup, GroupErrors, TextField, type FieldContext } from './CampaignFields';
import { focusAddAfter, focusSoon } from './CampaignRules';

const LOCALE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

const ACTIONS = [
  ['dismiss', 'Close the message'],
  ['open-url', 'Open a link'],
  ['open-chat', 'Open the chat'],
  ['track-event', 'Track an event'],
] as const;

/** Props of {@link CampaignContentEditor}. */
export interface CampaignContentEditorProps {
  ctx: FieldContext;
  /** `['content']`, or a variant's `['experiment', 'variants', i, 'content']`. */
  path: DraftPath;
  /** The survey type of a survey campaign (choices and scale labels depend on it). */
  survey: string | undefined;
  defaultLocale: string;
  /** The locale being edited (shared with the preview). */
  locale: string;
  onLocale(locale: string): void;
}

type Content = Record<string, Record<string, unknown>>;

/**
 * The words of the message per locale: title, body in the safe markup, image, buttons and their actions, survey choices
 * and scale labels. Locales can be added (starting as a copy of the one shown) and removed.
 */
export function CampaignContentEditor({ ctx, path, survey, defaultLocale, locale, onLocale }: CampaignContentEditorProps) {
  const raw = ctx.get(path);
  const content: Content = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Content) : {};
  const locales = Object.keys(content);
  const current = locales.includes(locale) ? locale : (locales[0] ?? '');
  const [adding, setAdding] = useState('');
  const [addError, setAddError] = useState<string | null>(null);
  const p = [...path, current];
  const pathId = fieldId(path);

  const add = () => {
    const tag = adding.trim();
    if (!LOCALE.test(tag)) return setAddError('Use a language tag such as “ja”, “fr” or “pt-BR”.');
    if (tag in content) return setAddError(`There is already content in “${tag}”.`);
    setAddError(null);
    setAdding('');
    // A new locale starts as a copy of the one on screen, ready to translate.
    ctx.set([...path, tag], JSON.parse(JSON.stringify(content[current] ?? {})));
    onLocale(tag);
  };

  const buttons = Array.isArray(content[current]?.buttons) ? (content[current]!.buttons as Record<string, unknown>[]) : [];
  const choices = Array.isArray(content[current]?.choices) ? (content[current]!.choices as unknown[]) : [];
  const image = content[current]?.image;

  return (
    <div class="content-editor">
      <div class="locale-bar" role="group" aria-label="Locales">
        {locales.map((l) => (
          <button key={l} type="button" class="small-button" aria-pressed={l === current} onClick={() => onLocale(l)}>
            {l}
            {l === defaultLocale ? ' (default)' : ''}
          </button>
        ))}
      </div>
      <GroupErrors ctx={ctx} path={path} />
      {current && (
        <FieldGroup legend={`Content in “${current}”`}>
          <GroupErrors ctx={ctx} path={p} />
          <TextField ctx={ctx} path={[...p, 'title']} label="Title" />
          <TextField
            ctx={ctx}
            path={[...p, 'body']}
            label="Body"
            multiline
            rows={4}
            help="Plain text with **bold**, *italic*, [link text](https://…) and line breaks. HTML is never shown."
          />
          {image === undefined ? (
            <button
              type="button"
              class="small-button" data-add
              onClick={() => {
                ctx.set([...p, 'image'], { url: 'https://', alt: '' });
                focusSoon(fieldId([...p, 'image', 'url']));
              }}
            >
              Add an image
            </button>
          ) : (
            <FieldGroup legend="Image">
              <GroupErrors ctx={ctx} path={[...p, 'image']} />
              <TextField ctx={ctx} path={[...p, 'image', 'url']} label="Image address (https)" type="url" />
              <TextField ctx={ctx} path={[...p, 'image', 'alt']} label="Image description (alt text)" help="What the image shows, for screen readers." />
              <button type="button" class="small-button" onClick={() => ctx.set([...p, 'image'], undefined)}>
                Remove the image
              </button>
            </FieldGroup>
          )}

          <FieldGroup legend="Buttons" class="rules">
            <GroupErrors ctx={ctx} path={[...p, 'buttons']} />
            <ol class="rule-list">
              {buttons.map((b, i) => {
                const bp = [...p, 'buttons', i];
                return (
                  <li key={i} class="rule">
                    <TextField ctx={ctx} path={[...bp, 'label']} label={`Button ${i + 1} label`} />
                    <Field ctx={ctx} path={[...bp, 'action']} label="Action">
                      {(attrs) => (
                        <select
                          {...attrs}
                          value={String(b.action ?? '')}
                          onChange={(e) => {
                            // Fields of the old action do not apply to the new one (the validator refuses them).
                            const action = e.currentTarget.value;
                            const next: Record<string, unknown> = { label: b.label, action };
                            if (action === 'open-url') next.url = typeof b.url === 'string' ? b.url : '/';
                            if (action === 'track-event') next.event = typeof b.event === 'string' ? b.event : '';
                            ctx.set(bp, next);
                          }}
                        >
                          {ACTIONS.map(([v, text]) => (
                            <option key={v} value={v}>
                              {text}
                            </option>
                          ))}
                        </select>
                      )}
                    </Field>
                    {b.action === 'open-url' && (
                      <>
                        <TextField ctx={ctx} path={[...bp, 'url']} label="Link" placeholder="/pricing or https://…" class="grow" />
                        <CheckField ctx={ctx} path={[...bp, 'newTab']} label="In a new tab" omit={false} />
                      </>
                    )}
                    {b.action === 'track-event' && <TextField ctx={ctx} path={[...bp, 'event']} label="Event name" class="grow" />}
                    <button
                      type="button"
                      class="small-button"
                      aria-label={`Remove button ${i + 1}`}
                      onClick={(e) => {
                        focusAddAfter(e);
                        const next = buttons.filter((_, j) => j !== i);
                        ctx.set([...p, 'buttons'], next.length ? next : undefined);
                      }}
                    >
                      Remove
                    </button>
                  </li>
                );
              })}
            </ol>
            {buttons.length < 3 && (
              <button
                type="button"
                class="small-button" data-add
                onClick={() => {
                  ctx.set([...p, 'buttons', buttons.length], { label: buttons.length ? 'Not now' : 'OK', action: 'dismiss' });
                  focusSoon(fieldId([...p, 'buttons', buttons.length, 'label']));
                }}
              >
                Add a button
              </button>
            )}
          </FieldGroup>

          {survey === 'single-choice' && (
            <FieldGroup legend="Answers" class="rules">
              <GroupErrors ctx={ctx} path={[...p, 'choices']} />
              <ol class="rule-list">
                {choices.map((_, i) => (
                  <li key={i} class="rule">
                    <TextField ctx={ctx} path={[...p, 'choices', i]} label={`Answer ${i + 1}`} class="grow" />
                    <button
                      type="button"
                      class="small-button"
                      aria-label={`Remove answer ${i + 1}`}
                      onClick={(e) => {
                        focusAddAfter(e);
                        const next = choices.filter((_, j) => j !== i);
                        ctx.set([...p, 'choices'], next.length ? next : undefined);
                      }}
                    >
                      Remove
                    </button>
                  </li>
                ))}
              </ol>
              {choices.length < 10 && (
                <button
                  type="button"
                  class="small-button" data-add
                  onClick={() => {
                    ctx.set([...p, 'choices', choices.length], '');
                    focusSoon(fieldId([...p, 'choices', choices.length]));
                  }}
                >
                  Add an answer
                </button>
              )}
            </FieldGroup>
          )}
          {(survey === 'nps' || survey === 'csat') && (
            <FieldGroup legend="Scale labels" class="inline-fields">
              <GroupErrors ctx={ctx} path={[...p, 'scale']} />
              <TextField ctx={ctx} path={[...p, 'scale', 'low']} label="Low end" placeholder={survey === 'nps' ? 'Not likely' : 'Unhappy'} />
              <TextField ctx={ctx} path={[...p, 'scale', 'high']} label="High end" placeholder={survey === 'nps' ? 'Very likely' : 'Delighted'} />
            </FieldGroup>
          )}
          <div class="button-row">
            <button
              type="button"
              class="small-button danger"
              disabled={current === defaultLocale || locales.length < 2}
              onClick={() => {
                ctx.set([...path, current], undefined);
                onLocale(locales.find((l) => l !== current) ?? '');
              }}
            >
              Remove “{current}”
            </button>
            {current === defaultLocale && <span class="help">The default locale cannot be removed; pick another default first.</span>}
          </div>
        </FieldGroup>
      )}
      <div class="add-locale">
        <label for={`${pathId}-add-locale`}>Add a locale</label>
        <div class="inline">
          <input
            id={`${pathId}-add-locale`}
            type="text"
            value={adding}
            placeholder="ja"
            autoComplete="off"
            aria-describedby={addError ? `${pathId}-add-locale-error` : undefined}
            onInput={(e) => setAdding(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                add();
              }
            }}
          />
          <button type="button" onClick={add}>
            Add locale
          </button>
        </div>
        {addError && (
          <p id={`${pathId}-add-locale-error`} class="field-errors" role="alert">
            {addError}
          </p>
        )}
      </div>
    </div>
  );
}
