/** Small helpers to render real console components under happy-dom and wait for what an operator would see. */
import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach } from 'vitest';

let containers: HTMLElement[] = [];

afterEach(() => {
  for (const container of containers) {
    render(null, container);
    container.remove();
  }
  containers = [];
});

/** Renders into a fresh container attached to the document. */
export async function mount(ui: ComponentChild): Promise<HTMLElement> {
  const container = document.createElement('div');
  document.body.append(container);
  containers.push(container);
  await act(() => render(ui, container));
  return container;
}

/** Retries `check` (flushing effects and timers between tries) until it stops throwing or time runs out. */
export async function waitFor<T>(check: () => T, timeoutMs = 2000): Promise<T> {
  const start = Date.now();
  for (;;) {
    try {
      return check();
    } catch (error) {
      if (Date.now() - start > timeoutMs) throw error;
      await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
    }
  }
}

/** The element whose label text (or aria-label) matches; throws when missing. */
export function byLabel<T extends HTMLElement = HTMLInputElement>(root: ParentNode, text: string | RegExp): T {
  for (const label of Array.from(root.querySelectorAll('label'))) {
    const content = label.textContent ?? '';
    if (typeof text === 'string' ? content.trim() === text : text.test(content)) {
      const id = label.getAttribute('for');
      const control = id ? document.getElementById(id) : label.querySelector('input,select,textarea');
      if (control) return control as T;
    }
  }
  throw new Error(`No control labelled ${String(text)}`);
}

/** The button or link with this visible text; throws when missing. */
export function byText<T extends HTMLElement = HTMLElement>(root: ParentNode, text: string | RegExp, selector = 'button, a'): T {
  const found = Array.from(root.querySelectorAll<HTMLElement>(selector)).find((el) => {
    const content = (el.textContent ?? '').trim();
    return typeof text === 'string' ? content === text : text.test(content);
  });
  if (!found) throw new Error(`No ${selector} with text ${String(text)}`);
  return found as T;
}

/** Types into an input the way a user does (sets the value, fires input). */
export async function type(el: HTMLInputElement | HTMLTextAreaElement, value: string): Promise<void> {
  await act(() => {
    el.value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

/** Picks an option of a select and fires change. */
export async function choose(el: HTMLSelectElement, value: string): Promise<void> {
  await act(() => {
    el.value = value;
    el.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

/** Clicks an element (left button). */
export async function click(el: HTMLElement): Promise<void> {
  await act(() => {
    el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 }));
  });
}

/** Submits a form the way pressing Enter or its submit button does. */
export async function submit(form: HTMLFormElement): Promise<void> {
  await act(() => {
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
}

/** The first element matching `selector`; throws when missing (so it works inside waitFor). */
export function find<T extends Element = HTMLElement>(root: ParentNode, selector: string): T {
  const el = root.querySelector<T & Element>(selector);
  if (!el) throw new Error(`Nothing matches ${selector}`);
  return el as T;
}
