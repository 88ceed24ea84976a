import { fieldId, getIn, type DraftPath } from '../campaign-draft';
import { CheckField, Field, FieldGroup, GroupErrors, SelectField, TextField, useMirror, type FieldContext } from './CampaignFields';

const URL_MATCHES = [
  ['starts-with', 'starts with'],
  ['equals', 'equals'],
  ['contains', 'contains'],
  ['regex', 'matches the regular expression'],
] as const;

const OPERATORS = [
  ['eq', 'equals'],
  ['neq', 'does not equal'],
  ['contains', 'contains'],
  ['gt', 'greater than'],
  ['gte', 'at least'],
  ['lt', 'less than'],
  ['lte', 'at most'],
  ['in', 'is one of'],
  ['exists', 'is present'],
] as const;

/** Props of {@link UrlRules} and {@link FilterRules}. */
export interface RulesProps {
  ctx: FieldContext;
  path: DraftPath;
  legend: string;
  help?: string;
  /** What one rule is called on its buttons ("URL rule", "filter"). */
  noun: string;
}

function rows(ctx: FieldContext, path: DraftPath): unknown[] {
  const list = ctx.get(path);
  return Array.isArray(list) ? list : [];
}

/** Removes item `i` of the list at `path` (and the list itself when it empties). */
function remove(ctx: FieldContext, path: DraftPath, i: number) {
  const next = rows(ctx, path).filter((_, j) => j !== i);
  ctx.set(path, next.length ? next : undefined);
}

/**
 * After a Remove button takes its row away, moves focus to the list's Add button, so keyboard users are not dropped at
 * the top of the page. Call it in the click handler, before the removal re-renders.
 */
export function focusAddAfter(event: Event) {
  const holder = (event.currentTarget as HTMLElement | null)?.closest('ol')?.parentElement;
  if (holder) setTimeout(() => holder.querySelector<HTMLElement>(':scope > [data-add]')?.focus(), 0);
}

/** Moves focus to a control that is about to render (after adding a row). */
export function focusSoon(id: string) {
  setTimeout(() => document.getElementById(id)?.focus(), 0);
}

/** URL rules (audience, page-view trigger): how the path or URL is compared, and whether the rule excludes. */
export function UrlRules({ ctx, path, legend, help, noun }: RulesProps) {
  const list = rows(ctx, path);
  return (
    <FieldGroup legend={legend} class="rules">
      {help && <p class="help">{help}</p>}
      <GroupErrors ctx={ctx} path={path} />
      <ol class="rule-list">
        {list.map((_, i) => {
          const p = [...path, i];
          return (
            <li key={i} class="rule">
              <SelectField ctx={ctx} path={[...p, 'on']} label="Compare" options={[['path', 'the path'], ['url', 'the whole URL']]} fallback="path" />
              <SelectField ctx={ctx} path={[...p, 'match']} label="How" options={URL_MATCHES} />
              <TextField ctx={ctx} path={[...p, 'value']} label="Value" placeholder="/pricing" class="grow" />
              <CheckField ctx={ctx} path={[...p, 'exclude']} label="Exclude matches" omit={false} />
              <button type="button" class="small-button" onClick={(e) => {
                focusAddAfter(e);
                remove(ctx, path, i);
              }} aria-label={`Remove ${noun} ${i + 1}`}>
                Remove
              </button>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        class="small-button" data-add
        onClick={() => {
          ctx.set([...path, list.length], { match: 'starts-with', value: '/' });
          focusSoon(fieldId([...path, list.length, 'on']));
        }}
      >
        Add {noun}
      </button>
    </FieldGroup>
  );
}

/** The value a filter compares with, typed for its operator: a list for "is one of", a number when it looks like one. */
function parseValue(op: unknown, text: string): unknown {
  const t = text.trim();
  if (op === 'in') {
    const items = t.split(',').map((s) => s.trim()).filter(Boolean);
    return items.length ? items : undefined;
  }
  if (t === '') return undefined;
  if (['gt', 'gte', 'lt', 'lte'].includes(op as string) && Number.isFinite(Number(t))) return Number(t);
  // Rules compare equal texts and numbers alike (42 equals "42"), so other values stay as typed.
  return text;
}
const formatValue = (v: unknown) => (Array.isArray(v) ? v.join(', ') : v === undefined ? '' : String(v));

function FilterValue({ ctx, path }: { ctx: FieldContext; path: DraftPath }) {
  const op = ctx.get([...path.slice(0, -1), 'op']);
  const valuePath = path;
  const value = ctx.get(valuePath);
  const [text, update] = useMirror(value, formatValue, (t) => parseValue(op, t));
  if (op === 'exists') {
    return (
      <Field ctx={ctx} path={valuePath} label="Should be">
        {(attrs) => (
          <select {...attrs} value={value === false ? 'absent' : 'present'} onChange={(e) => ctx.set(valuePath, e.currentTarget.value === 'absent' ? false : undefined)}>
            <option value="present">present</option>
            <option value="absent">absent</option>
          </select>
        )}
      </Field>
    );
  }
  return (
    <Field ctx={ctx} path={valuePath} label={op === 'in' ? 'Values (comma-separated)' : 'Value'} class="grow">
      {(attrs) => <input {...attrs} type="text" value={text} autoComplete="off" onInput={(e) => ctx.set(valuePath, update(e.currentTarget.value))} />}
    </Field>
  );
}

/** Trait rules and event-property filters: key, operator and value, all of which must hold. */
export function FilterRules({ ctx, path, legend, help, noun }: RulesProps) {
  const list = rows(ctx, path);
  return (
    <FieldGroup legend={legend} class="rules">
      {help && <p class="help">{help}</p>}
      <GroupErrors ctx={ctx} path={path} />
      <ol class="rule-list">
        {list.map((_, i) => {
          const p = [...path, i];
          return (
            <li key={i} class="rule">
              <TextField ctx={ctx} path={[...p, 'key']} label="Key" placeholder="plan" />
              <Field ctx={ctx} path={[...p, 'op']} label="Operator">
                {(attrs) => (
                  <select
                    {...attrs}
                    value={String(getIn(ctx.get(p), ['op']) ?? '')}
                    onChange={(e) => {
                      const op = e.currentTarget.value;
                      const old = ctx.get(p) as Record<string, unknown> | undefined;
                      const prev = old?.value;
                      // Keep the value when it still fits the new operator; otherwise start it afresh.
                      let next: unknown = prev;
                      if (op === 'exists') next = undefined;
                      else if (op === 'in') next = prev === undefined || typeof prev === 'boolean' ? undefined : Array.isArray(prev) ? prev : [String(prev)];
                      else if (Array.isArray(prev)) next = prev[0];
                      else if (typeof prev === 'boolean') next = undefined;
                      ctx.set(p, { ...old, op, value: next });
                    }}
                  >
                    {OPERATORS.map(([v, text]) => (
                      <option key={v} value={v}>
                        {text}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <FilterValue ctx={ctx} path={[...p, 'value']} />
              <button type="button" class="small-button" onClick={(e) => {
                focusAddAfter(e);
                remove(ctx, path, i);
              }} aria-label={`Remove ${noun} ${i + 1}`}>
                Remove
              </button>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        class="small-button" data-add
        onClick={() => {
          ctx.set([...path, list.length], { key: '', op: 'eq', value: '' });
          focusSoon(fieldId([...path, list.length, 'key']));
        }}
      >
        Add {noun}
      </button>
    </FieldGroup>
  );
}
