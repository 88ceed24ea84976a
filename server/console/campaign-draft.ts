// The campaign editor holds the campaign as a plain JSON object that may be invalid while the operator types: the form
// and the JSON view both read and write it by path, and validateCampaign (src/shared) says what is wrong, by the same
// paths ("content.en.buttons[0].label").

/** A place in the campaign: keys and list indexes, `['content', 'en', 'buttons', 0, 'label']`. */
export type DraftPath = readonly (string | number)[];

/** A campaign being edited: JSON that may not be a valid campaign yet. */
export type Draft = Record<string, unknown>;

/** The path as validateCampaign writes it: `content.en.buttons[0].label`. */
export function pathKey(path: DraftPath): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${part}` : part;
  return out;
}

/** The id of the form control for a path (`f-trigger.scroll.percent`), so an error summary can link to it. */
export function fieldId(path: DraftPath | string): string {
  return `f-${(typeof path === 'string' ? path : pathKey(path)).replace(/\s/g, '_')}`;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The value at `path`, or undefined when any step is missing. */
export function getIn(root: unknown, path: DraftPath): unknown {
  let node = root;
  for (const part of path) {
    if (typeof part === 'number') node = Array.isArray(node) ? node[part] : undefined;
    else node = isRecord(node) ? node[part] : undefined;
    if (node === undefined) return undefined;
  }
  return node;
}

/**
 * A copy of `root` with `value` at `path`; the objects and lists on the way are copied, the rest shared. `undefined`
 * removes the key (an empty field leaves the campaign without it, not with ""). Missing steps are created.
 */
export function setIn<T>(root: T, path: DraftPath, value: unknown): T {
  if (!path.length) return value as T;
  const [head, ...rest] = path;
  if (typeof head === 'number') {
    const list = Array.isArray(root) ? root.slice() : [];
    list[head] = setIn(list[head], rest, value);
    return list as T;
  }
  const obj: Record<string, unknown> = isRecord(root) ? { ...root } : {};
  const next = setIn(obj[head!], rest, value);
  if (next === undefined) delete obj[head!];
  else obj[head!] = next;
  return obj as T;
}

/** A copy of the list at `path` without item `index` (the key is removed when the list becomes empty and `dropEmpty`). */
export function removeAt<T>(root: T, path: DraftPath, index: number, dropEmpty = true): T {
  const list = getIn(root, path);
  if (!Array.isArray(list)) return root;
  const next = list.filter((_, i) => i !== index);
  return setIn(root, path, next.length || !dropEmpty ? next : undefined);
}

/** A copy of the list at `path` with `item` appended (the list is created when missing). */
export function append<T>(root: T, path: DraftPath, item: unknown): T {
  const list = getIn(root, path);
  return setIn(root, path, [...(Array.isArray(list) ? list : []), item]);
}

/** A deep copy of JSON data. */
export function cloneJson<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
