/**
 * Applies CSS to a shadow root without inline styles: a constructable stylesheet, which a strict
 * `style-src 'self'` allows. Browsers without them (Safari < 16.4) get a <style> carrying the page's nonce.
 */
export const adoptStyles = (root: ShadowRoot, css: string, nonce?: string): void => {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } catch {
    const style = document.createElement('style');
    if (nonce) style.nonce = nonce;
    style.textContent = css;
    root.append(style);
  }
};
