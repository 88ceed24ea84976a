import { useMemo, useState } from 'preact/hooks';
import type { FieldError } from './api-error';
import { getIn, pathKey, setIn } from './campaign-draft';
import { visibleErrors, withoutEdited } from './campaign-errors';
import type { FieldContext } from './components/CampaignFields';

/** A small settings form's state: the value, a field context for the Campaign* fields, and the problems to show. */
export interface FormState<T> {
  value: T;
  ctx: FieldContext;
  /** The validator's problems (all, whether shown or not). */
  problems: FieldError[];
  /** What is on screen: edited fields' problems, all after a save attempt, and the server's. */
  shown: FieldError[];
  /** Replaces the value (loaded, reset to defaults) and forgets what was edited. */
  reset(value: T): void;
  /** Marks every problem as shown (a save attempt). */
  revealAll(): void;
  setServerErrors(errors: FieldError[]): void;
}

/** Form state checked as the operator types by `validate` (the collector's own check), with problems by path. */
export function useFormState<T>(initial: T, validate: (value: unknown) => { ok: true } | { ok: false; errors: FieldError[] }): FormState<T> {
  const [value, setValue] = useState<T>(initial);
  const [touched, setTouched] = useState<Set<string>>(() => new Set());
  const [showAll, setShowAll] = useState(false);
  const [server, setServer] = useState<FieldError[]>([]);
  const result = useMemo(() => validate(value), [value]);
  const problems = result.ok ? [] : result.errors;
  const shown = visibleErrors(problems, server, touched, showAll);
  const ctx: FieldContext = {
    get: (path) => getIn(value, path),
    set: (path, next) => {
      const key = pathKey(path);
      setValue((prev) => setIn(prev, path, next));
      setTouched((prev) => (prev.has(key) ? prev : new Set(prev).add(key)));
      setServer((prev) => withoutEdited(prev, key));
    },
    errors: (path) => {
      const key = typeof path === 'string' ? path : pathKey(path);
      return shown.filter((e) => e.path === key).map((e) => e.message);
    },
  };
  return {
    value,
    ctx,
    problems,
    shown,
    reset(next) {
      setValue(next);
      setTouched(new Set());
      setShowAll(false);
      setServer([]);
    },
    revealAll: () => setShowAll(true),
    setServerErrors: setServer,
  };
}
