import { byLabel } from './render';

/** The problems shown next to the control labelled `label` (the list its aria-describedby points at). */
export function fieldErrors(root: HTMLElement, label: string | RegExp): string[] {
  const control = byLabel(root, label);
  const ids = (control.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id.endsWith('-errors'));
  return ids.flatMap((id) => Array.from(document.getElementById(id)?.querySelectorAll('li') ?? []).map((li) => li.textContent ?? ''));
}
