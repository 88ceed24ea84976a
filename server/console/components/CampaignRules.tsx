import { getIn, type DraftPath } from '../campaign-draft';
import { CheckField, Field, FieldGroup, GroupErrors, SelectField, TextField, useMirror, type FieldContext } from './CampaignFields';
import { RuleList } from './RuleList';

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

// The focus helpers live with RuleList; the editors that build their own lists import them from here.
export { focusAddAfter, focusSoon } from './RuleList';

/** URL rules (audience, page-view trigger): how the path or URL is compared, and whether the rule excludes. */
export function UrlRules({ ctx, path, legend, help, noun }: RulesProps) {
  return (
    <FieldGroup legend={legend} class="rules">
      {help && <p class="help">{help}</p>}
      <GroupErrors ctx={ctx} path={path} />
      <RuleList ctx={ctx} path={path} noun={noun} addLabel={`Add ${noun}`} newRow={{ match: 'starts-with', value: '/' }} focusField="on">
        {(p) => (
          <>
            <SelectField ctx={ctx} path={[...p, 'on']} label="Compare" options={[['path', 'the path'], ['url', 'the whole URL']]} fallback="path" />
            <SelectField ctx={ctx} path={[...p, 'match']} label="How" options={URL_MATCHES} />
            <TextField ctx={ctx} path={[...p, 'value']} label="Value" placeholder="/pricing" class="grow" />
            <CheckField ctx={ctx} path={[...p, 'exclude']} label="Exclude matches" omit={false} />
          </>
        )}
      </RuleList>
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
  return (
    <FieldGroup legend={legend} class="rules">
      {help && <p class="help">{help}</p>}
      <GroupErrors ctx={ctx} path={path} />
      <RuleList ctx={ctx} path={path} noun={noun} addLabel={`Add ${noun}`} newRow={{ key: '', op: 'eq', value: '' }} focusField="key">
        {(p) => (
          <>
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
          </>
        )}
      </RuleList>
    </FieldGroup>
  );
}
