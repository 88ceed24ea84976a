import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { fieldId, pathKey, type DraftPath } from '../campaign-draft';

/** How a form field reads and writes the campaign being edited, and which problems it shows. */
export interface FieldContext {
  get(path: DraftPath): unknown;
  /** Writes `value` at `path` (undefined removes the key) and marks the path as edited. */
  set(path: DraftPath, value: unknown): void;
  /** The problems to show at exactly this path (already filtered: edited fields, or everything after a save attempt). */
  errors(path: DraftPath | string): string[];
}

/** A validator message without its leading path, capitalised: "Must be a whole number from 1 to 100". */
export function fieldMessage(path: string, message: string): string {
  const rest = path && message.startsWith(`${path} `) ? message.slice(path.length + 1) : message;
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

/** Problems shown under a control, or under a group (a locale, the trigger), announced as they appear. */
export function FieldErrors({ id, path, messages }: { id: string; path: string; messages: string[] }) {
  if (!messages.length) return null;
  return (
    <ul id={id} class="field-errors" role="list">
      {messages.map((m) => (
        <li key={m}>{fieldMessage(path, m)}</li>
      ))}
    </ul>
  );
}

/** Errors that belong to a whole group (`trigger` "needs at least one condition"); focusable as the summary's target. */
export function GroupErrors({ ctx, path }: { ctx: FieldContext; path: DraftPath | string }) {
  const key = typeof path === 'string' ? path : pathKey(path);
  const messages = ctx.errors(key);
  if (!messages.length) return null;
  return (
    <div id={fieldId(key)} tabIndex={-1} class="group-errors">
      <FieldErrors id={`${fieldId(key)}-errors`} path={key} messages={messages} />
    </div>
  );
}

/** What every field takes: the form, the path it edits, its label and help. */
export interface BaseProps {
  ctx: FieldContext;
  path: DraftPath;
  label: string;
  help?: ComponentChildren;
  class?: string;
}

/** A control's aria-describedby: its help and its errors, where it has them. */
export function describedBy(id: string, help: ComponentChildren, messages: readonly string[]): string | undefined {
  return [help ? `${id}-help` : '', messages.length ? `${id}-errors` : ''].filter(Boolean).join(' ') || undefined;
}

/** A control's help text, `${id}-help` for its aria-describedby; nothing without help. */
export function FieldHelp({ id, help }: { id: string; help?: ComponentChildren }) {
  if (!help) return null;
  return (
    <p id={`${id}-help`} class="help">
      {help}
    </p>
  );
}

/** Label, control, help and problems of one field; wires ids, aria-describedby and aria-invalid. */
export function Field({ ctx, path, label, help, class: cls, children }: BaseProps & { children: (a: ControlAttrs) => ComponentChildren }) {
  const key = pathKey(path);
  const id = fieldId(key);
  const messages = ctx.errors(key);
  return (
    <div class={`field-row${cls ? ` ${cls}` : ''}`}>
      <label for={id}>{label}</label>
      {children({ id, 'aria-describedby': describedBy(id, help, messages), 'aria-invalid': messages.length ? 'true' : undefined })}
      <FieldHelp id={id} help={help} />
      <FieldErrors id={`${id}-errors`} path={key} messages={messages} />
    </div>
  );
}

/** Attributes {@link Field} hands its control. */
export interface ControlAttrs {
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': 'true' | undefined;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Text the operator types that stands for another value (a number, a list): keeps what was typed ("1.", "a, ") while
 * it still means the stored value, and shows the stored value again when it changes from elsewhere (the JSON view).
 */
export function useMirror(value: unknown, format: (v: unknown) => string, parse: (text: string) => unknown): [string, (text: string) => unknown] {
  const [text, setText] = useState(() => format(value));
  useEffect(() => {
    if (!same(parse(text), value)) setText(format(value));
    // Only an outside change of the value resets the text.
  }, [JSON.stringify(value)]);
  return [
    text,
    (next: string) => {
      setText(next);
      return parse(next);
    },
  ];
}

/** Props of {@link TextField}. */
export interface TextFieldProps extends BaseProps {
  multiline?: boolean;
  rows?: number;
  placeholder?: string;
  type?: 'text' | 'url' | 'datetime-local' | 'time';
  disabled?: boolean;
  list?: string;
  autoComplete?: string;
}

/** A text input or textarea; an empty field removes the key. */
export function TextField(props: TextFieldProps) {
  const { ctx, path, multiline, rows = 3, placeholder, type = 'text', disabled, list, autoComplete = 'off' } = props;
  const value = ctx.get(path);
  const text = typeof value === 'string' ? value : value === undefined ? '' : String(value);
  const onInput = (event: Event) => {
    const next = (event.currentTarget as HTMLInputElement).value;
    ctx.set(path, next === '' ? undefined : next);
  };
  return (
    <Field {...props}>
      {(attrs) =>
        multiline ? (
          <textarea {...attrs} rows={rows} value={text} placeholder={placeholder} disabled={disabled} onInput={onInput} />
        ) : (
          <input
            {...attrs}
            type={type}
            value={text}
            placeholder={placeholder}
            disabled={disabled}
            list={list}
            autoComplete={autoComplete}
            onInput={onInput}
          />
        )
      }
    </Field>
  );
}

const parseNumber = (text: string): unknown => {
  const t = text.trim();
  if (t === '') return undefined;
  const n = Number(t);
  // Not a number: kept as typed, so the validator says what is wrong instead of the field silently emptying.
  return Number.isFinite(n) ? n : t;
};
const formatNumber = (v: unknown) => (v === undefined || v === null ? '' : String(v));

/** Props of {@link NumberField}. */
export interface NumberFieldProps extends BaseProps {
  placeholder?: string;
}

/** A number; empty removes the key, and text that is not a number is kept for the validator to explain. */
export function NumberField(props: NumberFieldProps) {
  const { ctx, path, placeholder } = props;
  const [text, update] = useMirror(ctx.get(path), formatNumber, parseNumber);
  return (
    <Field {...props}>
      {(attrs) => (
        <input
          {...attrs}
          type="text"
          inputMode="decimal"
          value={text}
          placeholder={placeholder}
          onInput={(event) => ctx.set(path, update(event.currentTarget.value))}
        />
      )}
    </Field>
  );
}

/** Props of {@link SelectField}. */
export interface SelectFieldProps extends BaseProps {
  options: readonly (readonly [string, string])[];
  /** Label of an empty choice that removes the key; without it the field always has a value. */
  empty?: string;
  /** What an absent key means; choosing it removes the key (`trigger.match` absent is "any"). */
  fallback?: string;
}

/** A choice among fixed values. */
export function SelectField(props: SelectFieldProps) {
  const { ctx, path, options, empty, fallback } = props;
  const value = ctx.get(path);
  const current = typeof value === 'string' ? value : (fallback ?? '');
  const known = options.some(([v]) => v === current);
  return (
    <Field {...props}>
      {(attrs) => (
        <select
          {...attrs}
          value={current}
          onChange={(event) => {
            const next = event.currentTarget.value;
            ctx.set(path, next === '' || next === fallback ? undefined : next);
          }}
        >
          {(empty !== undefined || !known) && <option value="">{empty ?? (current ? `“${current}” (unknown)` : 'Choose…')}</option>}
          {options.map(([v, text]) => (
            <option key={v} value={v}>
              {text}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** Props of {@link CheckField}. */
export interface CheckFieldProps extends BaseProps {
  /** What an absent key means (the schema's default). */
  fallback?: boolean;
  /** Remove the key instead of storing this value (e.g. `false` for flags that default to off). */
  omit?: boolean;
}

/** A true/false field as a checkbox. */
export function CheckField({ ctx, path, label, help, fallback = false, omit, class: cls }: CheckFieldProps) {
  const key = pathKey(path);
  const id = fieldId(key);
  const value = ctx.get(path);
  const messages = ctx.errors(key);
  const checked = typeof value === 'boolean' ? value : fallback;
  return (
    <div class={`field-row check-row${cls ? ` ${cls}` : ''}`}>
      <label class="check" for={id}>
        <input
          id={id}
          type="checkbox"
          checked={checked}
          aria-describedby={describedBy(id, help, messages)}
          onChange={(event) => {
            const next = event.currentTarget.checked;
            ctx.set(path, next === omit ? undefined : next);
          }}
        />
        {label}
      </label>
      <FieldHelp id={id} help={help} />
      <FieldErrors id={`${id}-errors`} path={key} messages={messages} />
    </div>
  );
}

const splitList = (text: string): string[] =>
  text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
const joinList = (v: unknown) => (Array.isArray(v) ? v.join(', ') : v === undefined ? '' : String(v));

/** A list of short texts typed comma-separated ("Plan Upgraded, Signup"); empty removes the key unless `keepEmpty`. */
export function ListField(props: BaseProps & { placeholder?: string; keepEmpty?: boolean }) {
  const { ctx, path, placeholder, keepEmpty } = props;
  const parse = (text: string) => {
    const items = splitList(text);
    return items.length || keepEmpty ? items : undefined;
  };
  const [text, update] = useMirror(ctx.get(path), joinList, parse);
  return (
    <Field {...props}>
      {(attrs) => (
        <input {...attrs} type="text" value={text} placeholder={placeholder} autoComplete="off" onInput={(event) => ctx.set(path, update(event.currentTarget.value))} />
      )}
    </Field>
  );
}

/** A boxed group of fields with a legend. */
export function FieldGroup({ legend, children, class: cls }: { legend: string; children: ComponentChildren; class?: string }) {
  return (
    <fieldset class={`group${cls ? ` ${cls}` : ''}`}>
      <legend>{legend}</legend>
      {children}
    </fieldset>
  );
}
