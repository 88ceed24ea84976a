import type { FieldError } from './api-error';

/** True when `a` is `b` or lies inside it (`trigger.scroll.percent` inside `trigger.scroll`, `content.en.buttons[0]`). */
export function isWithin(a: string, b: string): boolean {
  return a === b || (a.startsWith(b) && (a[b.length] === '.' || a[b.length] === '['));
}

/**
 * The problems to show: the server's always, the validator's for fields the operator has edited (or anything inside or
 * around them), and all of them once a save was attempted. A new, untouched campaign is not a wall of red.
 */
export function visibleErrors(local: FieldError[], server: FieldError[], touched: ReadonlySet<string>, showAll: boolean): FieldError[] {
  const shown = showAll ? local : local.filter((e) => [...touched].some((t) => isWithin(e.path, t) || isWithin(t, e.path)));
  const seen = new Set(shown.map((e) => `${e.path}\n${e.message}`));
  return [...shown, ...server.filter((e) => !seen.has(`${e.path}\n${e.message}`))];
}

/** Server problems that still apply after an edit at `path` (those at or inside it are dropped). */
export function withoutEdited(server: FieldError[], path: string): FieldError[] {
  return server.filter((e) => !isWithin(e.path, path) && !isWithin(path, e.path));
}
