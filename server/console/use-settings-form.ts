import { useEffect, useState } from 'preact/hooks';
import { ApiError, errorMessage, type FieldError } from './api-error';
import { useFormState, type FormState } from './campaign-form-state';
import { focusSoon } from './components/RuleList';

/** What a site-settings endpoint answers: the settings in some shape, and whether the site has its own (false: defaults). */
export interface SettingsAnswer {
  custom: boolean;
}

/** Options of {@link useSettingsForm}. */
export interface SettingsFormOptions<T, A extends SettingsAnswer> {
  /** The form's value before the first load answers (the defaults). */
  initial: T;
  /** The collector's own check, run as the operator types. */
  validate: (value: unknown) => { ok: true } | { ok: false; errors: FieldError[] };
  /** GET the settings. */
  load: () => Promise<A>;
  /** PUT the settings; answers as `load` does. */
  save: (value: T) => Promise<A>;
  /** The form's value from an answer (a copy, so editing never changes the answer). */
  read: (answer: A) => T;
  /** The status line after a successful save. */
  savedNotice: string;
  /** Loads again when any of these change (the API client, the site). */
  deps: readonly unknown[];
}

/** A settings form's load, save and messages, for {@link useSettingsForm}'s caller to render. */
export interface SettingsForm<T> {
  form: FormState<T>;
  /** Whether the site has settings of its own; null until the first load answers. */
  custom: boolean | null;
  loadError: string | null;
  /** A save that failed for a reason other than the fields (network, server). */
  failure: string | null;
  saving: boolean;
  /** The status line ('' for none). */
  notice: string;
  setNotice(notice: string): void;
  /** Whether to show the error summary: after a save attempt, or when the server named problems. */
  summaryShown: boolean;
  /** Loads the settings again (the "Try again" button). */
  reload(): void;
  /** The form's submit handler: checks, saves, and shows what came of it. */
  submit(event: Event): Promise<void>;
}

/**
 * Loads a site's settings into a form checked as typed, and saves them: a save attempt shows every problem and focuses
 * the summary; field errors from the collector go next to their fields, other failures in one line.
 */
export function useSettingsForm<T, A extends SettingsAnswer>(options: SettingsFormOptions<T, A>): SettingsForm<T> {
  const form = useFormState<T>(options.initial, options.validate);
  const [custom, setCustom] = useState<boolean | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState('');
  const [submitted, setSubmitted] = useState(false);

  const show = (answer: A) => {
    form.reset(options.read(answer));
    setCustom(answer.custom);
  };

  const load = () => {
    let current = true;
    setLoadError(null);
    options.load().then(
      (answer) => current && show(answer),
      (err: unknown) => current && setLoadError(errorMessage(err)),
    );
    return () => {
      current = false;
    };
  };
  useEffect(load, options.deps);

  const submit = async (event: Event) => {
    event.preventDefault();
    setNotice('');
    setFailure(null);
    setSubmitted(true);
    form.revealAll();
    if (form.problems.length) {
      focusSoon('campaign-errors');
      return;
    }
    setSaving(true);
    try {
      show(await options.save(form.value));
      setSubmitted(false);
      setNotice(options.savedNotice);
    } catch (err) {
      if (err instanceof ApiError && err.errors.length) {
        form.setServerErrors(err.errors);
        focusSoon('campaign-errors');
      } else setFailure(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return {
    form,
    custom,
    loadError,
    failure,
    saving,
    notice,
    setNotice,
    summaryShown: submitted || form.shown.some((e) => !form.problems.includes(e)),
    reload: () => {
      load();
    },
    submit,
  };
}
