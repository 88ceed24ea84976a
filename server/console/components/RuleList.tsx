import type { ComponentChildren } from 'preact';
import { fieldId, type DraftPath } from '../campaign-draft';
import type { FieldContext } from './CampaignFields';

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

/** Props of {@link RuleList}. */
export interface RuleListProps {
  ctx: FieldContext;
  /** Where the list is in the draft. */
  path: DraftPath;
  /** What one row is called on its Remove button ("Remove window 2"). */
  noun: string;
  /** The Add button's text. */
  addLabel: string;
  /** The row the Add button appends. */
  newRow: unknown;
  /** The field of a new row that gets focus ("from" → the new row's From field). */
  focusField: string;
  /** Keep an empty list as `[]` after the last Remove (default: the list is removed from the draft). */
  keepEmpty?: boolean;
  /** No Add button once the list has this many rows. */
  max?: number;
  /** A row's fields, given the row's path and index. */
  children: (rowPath: DraftPath, i: number) => ComponentChildren;
}

/**
 * An editable list of rows: each with its fields and a Remove button, then an Add button. Focus follows the change, so
 * keyboard users land on the new row's first field after Add, and on the Add button after Remove.
 */
export function RuleList({ ctx, path, noun, addLabel, newRow, focusField, keepEmpty = false, max, children }: RuleListProps) {
  const value = ctx.get(path);
  const list: unknown[] = Array.isArray(value) ? value : [];
  return (
    <>
      <ol class="rule-list">
        {list.map((_, i) => (
          <li key={i} class="rule">
            {children([...path, i], i)}
            <button
              type="button"
              class="small-button"
              aria-label={`Remove ${noun} ${i + 1}`}
              onClick={(e) => {
                focusAddAfter(e);
                const next = list.filter((_, j) => j !== i);
                ctx.set(path, next.length || keepEmpty ? next : undefined);
              }}
            >
              Remove
            </button>
          </li>
        ))}
      </ol>
      {(max === undefined || list.length < max) && (
        <button
          type="button"
          class="small-button"
          data-add
          onClick={() => {
            ctx.set([...path, list.length], newRow);
            focusSoon(fieldId([...path, list.length, focusField]));
          }}
        >
          {addLabel}
        </button>
      )}
    </>
  );
}
