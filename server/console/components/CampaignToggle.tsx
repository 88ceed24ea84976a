import type { ComponentChildren } from 'preact';
import { fieldId, pathKey, type DraftPath } from '../campaign-draft';
import { describedBy, FieldHelp, type FieldContext } from './CampaignFields';

/** Props of {@link CampaignToggle}. */
export interface CampaignToggleProps {
  ctx: FieldContext;
  path: DraftPath;
  label: string;
  /** The value the part starts with when switched on. */
  make(): unknown;
  help?: ComponentChildren;
  /** The part's own fields, shown while it is on. */
  children?: ComponentChildren;
}

/** A checkbox that adds an optional part of the campaign (a schedule, a goal, a trigger condition) or removes it. */
export function CampaignToggle({ ctx, path, label, make, help, children }: CampaignToggleProps) {
  const on = ctx.get(path) !== undefined;
  const id = `${fieldId(path)}-on`;
  return (
    <div class={on ? 'toggle on' : 'toggle'}>
      <label class="check" for={id}>
        <input
          id={id}
          type="checkbox"
          checked={on}
          aria-controls={on ? `${id}-part` : undefined}
          aria-describedby={describedBy(id, help, [])}
          data-path={pathKey(path)}
          onChange={(event) => ctx.set(path, event.currentTarget.checked ? make() : undefined)}
        />
        {label}
      </label>
      <FieldHelp id={id} help={help} />
      {on && children && (
        <div id={`${id}-part`} class="toggle-part">
          {children}
        </div>
      )}
    </div>
  );
}
