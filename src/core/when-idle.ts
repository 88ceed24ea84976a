/**
 * Runs `load` (which starts web-vitals reporting) once the page has loaded and the main thread is idle, so
 * measuring never competes with the page's own start-up.
 */
export const whenIdle = (load: () => void): void => {
  const idle = () => (typeof requestIdleCallback == 'function' ? requestIdleCallback(load, { timeout: 5000 }) : setTimeout(load, 1));
  if (document.readyState == 'complete') idle();
  else addEventListener('load', idle, { once: true });
};
