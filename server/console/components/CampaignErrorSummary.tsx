import type { FieldError } from '../api-error';
import { fieldId } from '../campaign-draft';

/** Props of {@link CampaignErrorSummary}. */
export interface CampaignErrorSummaryProps {
  errors: FieldError[];
  /** Heading, e.g. "3 problems to fix before saving". */
  title: string;
  /** Link each problem to its field (the form is on screen). */
  linked: boolean;
}

/**
 * Moves focus to the control for a path, or to its nearest shown ancestor (a group, a toggle) when the control itself
 * is not on screen.
 */
export function focusPath(path: string): boolean {
  let p = path;
  for (;;) {
    const el = document.getElementById(fieldId(p)) ?? document.getElementById(`${fieldId(p)}-on`);
    if (el) {
      el.focus();
      el.scrollIntoView?.({ block: 'center' });
      return true;
    }
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    if (cut <= 0) return false;
    p = p.slice(0, cut);
  }
}

/** Every problem with the campaign, each linking to its field; focusable so a failed save can move focus here. */
export function CampaignErrorSummary({ errors, title, linked }: CampaignErrorSummaryProps) {
  if (!errors.length) return null;
  return (
    <div class="error error-summary" id="campaign-errors" tabIndex={-1} role="group" aria-labelledby="campaign-errors-title">
      <p id="campaign-errors-title">
        <strong>{title}</strong>
      </p>
      <ul>
        {errors.map((e, i) => (
          <li key={`${e.path}-${i}`}>
            {linked ? (
              <a
                href={`#${fieldId(e.path)}`}
                onClick={(event) => {
                  if (focusPath(e.path)) event.preventDefault();
                }}
              >
                {e.message}
              </a>
            ) : (
              e.message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
