import { useEffect, useState } from 'preact/hooks';
import type { Draft } from '../campaign-draft';

/** Props of {@link CampaignJsonEditor}. */
export interface CampaignJsonEditorProps {
  draft: Draft;
  onChange(draft: Draft): void;
}

const pretty = (draft: Draft) => JSON.stringify(draft, null, 2);

/**
 * The campaign as JSON, editable: every edit that parses to an object replaces the campaign (the form shows it at once);
 * text that does not parse stays here with the parser's message until it does.
 */
export function CampaignJsonEditor({ draft, onChange }: CampaignJsonEditorProps) {
  const [text, setText] = useState(() => pretty(draft));
  const [problem, setProblem] = useState<string | null>(null);

  // A change from elsewhere (a reload, a save) shows here, unless it is what the text already says.
  useEffect(() => {
    let same = false;
    try {
      same = JSON.stringify(JSON.parse(text)) === JSON.stringify(draft);
    } catch {
      same = false;
    }
    if (!same && problem === null) setText(pretty(draft));
  }, [draft]);

  const onInput = (value: string) => {
    setText(value);
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : 'This is not valid JSON.');
      return;
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      setProblem('The campaign must be a JSON object: { … }.');
      return;
    }
    setProblem(null);
    onChange(parsed as Draft);
  };

  return (
    <div class="json-editor">
      <label for="campaign-json">Campaign JSON</label>
      <textarea
        id="campaign-json"
        rows={28}
        spellcheck={false}
        value={text}
        aria-invalid={problem ? 'true' : undefined}
        aria-describedby="campaign-json-help campaign-json-problem"
        onInput={(event) => onInput(event.currentTarget.value)}
      />
      <p id="campaign-json-help" class="help">
        The same campaign as the form: edit either. The format is described in docs/campaigns.md.
      </p>
      <p id="campaign-json-problem" class="field-errors" role="status">
        {problem ? `Not applied yet: ${problem}` : ''}
      </p>
    </div>
  );
}
