/**
 * Stops the page behind a full-screen panel from scrolling (overflow hidden on <html> and <body>, set through
 * the CSSOM, which a strict style-src allows) and restores the page's own inline values exactly when released.
 * Returns `lock(on)`; repeated calls with the same value do nothing.
 */
export const createScrollLock = (): ((on: boolean) => void) => {
  let saved: [string, string] | undefined;
  return (on) => {
    const html = document.documentElement.style;
    const body = document.body.style;
    if (on && !saved) {
      saved = [html.overflow, body.overflow];
      html.overflow = body.overflow = 'hidden';
    } else if (!on && saved) {
      [html.overflow, body.overflow] = saved;
      saved = undefined;
    }
  };
};
