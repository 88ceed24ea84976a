const FOCUSABLE = 'a[href],button:not([disabled]),textarea,input:not([type=radio]),input:checked,[tabindex="0"]';

/**
 * Keeps Tab inside `box` (a modal dialog): from the last control to the first and, with Shift, back. Radios
 * count only when checked, as only the checked one of a group is in the tab order.
 */
export const trapFocus = (e: KeyboardEvent, box: HTMLElement): void => {
  const all = box.querySelectorAll<HTMLElement>(FOCUSABLE);
  const first = all[0];
  const last = all[all.length - 1];
  const active = (box.getRootNode() as Document | ShadowRoot).activeElement;
  if (!first || !last) return;
  if (e.shiftKey ? active == first || active == box : active == last) {
    e.preventDefault();
    (e.shiftKey ? last : first).focus();
  }
};
