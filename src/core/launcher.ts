/** Raw launcher options (`data-*` strings from the tag, or numbers from `createKizuna`). */
export interface LauncherOptions {
  position?: string;
  offsetX?: number | string;
  offsetY?: number | string;
  zIndex?: number | string;
  color?: string;
}

/**
 * Draws the chat launcher: a "Chat" pill button (its text is its accessible name) in an open shadow root on a
 * custom element, so page CSS for `div` or `button` cannot reach it and its CSS cannot leak out. `badge(n)` appends the unread
 * count to the text. `onIntent(open)` fires with false on hover or focus (load the widget early), true on click.
 */
export const createLauncher = (
  o: LauncherOptions,
  ja: boolean,
  onIntent: (open: boolean) => void,
): [HTMLButtonElement, (unread: number) => void] => {
  const host = document.createElement('kizuna-launcher');
  const button = document.createElement('button');
  // CSSOM writes are not inline styles to CSP (only markup style attributes are), so a strict style-src needs no
  // 'unsafe-inline'. all:initial on the host stops the page's inherited styles; the shadow root keeps ours in.
  host.style.cssText = 'all:initial';
  const c = o.color || '#4f46e5';
  // Text colour: black or white, whichever contrasts more with the primary colour: L* 49.4 is WCAG's
  // crossover (relative luminance 0.179), so the pick always meets AA. Browsers without relative colours keep white.
  button.style.cssText = `position:fixed;bottom:${o.offsetY || 20}px;${o.position || 'right'}:${o.offsetX || 20}px;z-index:${o.zIndex || 2147483e3};border:0;border-radius:24px;padding:12px 20px;background:${c};color:#fff;color:lch(from ${c} calc((49.4 - l) * infinity) 0 0);font:600 16px system-ui;cursor:pointer;box-shadow:0 2px 9px #0006`;
  const badge = (n: number) => (button.textContent = (ja ? 'チャット' : 'Chat') + (n ? ` (${n})` : ''));
  badge(0);
  button.onpointerenter = button.onfocus = () => onIntent(false);
  button.onclick = () => onIntent(true);
  host.attachShadow({ mode: 'open' }).append(button);
  document.body.append(host);
  return [button, badge];
};
