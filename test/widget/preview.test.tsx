import { afterEach, describe, expect, it } from 'vitest';
import { renderPreview } from '../../src/widget/preview';
import { campaign } from './campaign-fixture';
import { waitFor } from './chat-double';

const cleanups: (() => void)[] = [];
afterEach(() => {
  cleanups.splice(0).forEach((f) => f());
  document.body.innerHTML = '';
});

const preview = (...args: Parameters<typeof renderPreview> extends [HTMLElement, ...infer R] ? R : never) => {
  const el = document.createElement('div');
  document.body.append(el);
  cleanups.push(renderPreview(el, ...args));
  return el;
};

describe('renderPreview (the console)', () => {
  it('draws the message inside the element it was given, not in a widget of its own, and does not take focus', () => {
    const editor = document.createElement('textarea');
    document.body.append(editor);
    editor.focus();
    const el = preview(campaign('modal', { en: { t: 'Go Pro', b: '**Now** 20 % off', n: [['See plans', 'url', 'https://shop.example/pro']] } }));
    const root = el.shadowRoot!;
    const dialog = root.querySelector('[role="dialog"]')!;
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(root.getElementById('kz-mt')!.textContent).toBe('Go Pro');
    expect(root.querySelector('#kz-mb b')!.textContent).toBe('Now');
    expect(document.querySelector('kizuna-widget')).toBeNull();
    expect(document.activeElement).toBe(editor);
  });

  it('shows the chosen locale and variant, and unmounts cleanly so the element can be reused', () => {
    const c = campaign(
      'slide-up',
      { en: { t: 'Hello' }, ja: { t: 'こんにちは' } },
      { x: { k: 'x', h: 0, v: [['a', 1], ['b', 1, { en: { t: 'Variant B' }, ja: { t: 'バリアントB' } }]] } },
    );
    const el = document.createElement('div');
    document.body.append(el);
    let stop = renderPreview(el, c, { locale: 'ja' });
    expect(el.shadowRoot!.querySelector('h2')!.textContent).toBe('こんにちは');
    expect(el.shadowRoot!.querySelector('.w')!.getAttribute('lang')).toBe('ja');
    expect(el.shadowRoot!.querySelector('.x')!.getAttribute('aria-label')).toBe('閉じる');
    stop();
    expect(el.shadowRoot!.querySelector('.w')).toBeNull();
    stop = renderPreview(el, c, { variant: 'b', theme: 'dark', color: '#facc15' });
    cleanups.push(stop);
    expect(el.shadowRoot!.querySelectorAll('.w')).toHaveLength(1);
    expect(el.shadowRoot!.querySelector('h2')!.textContent).toBe('Variant B');
  });

  it('shows a chat prompt as the chat panel with the greeting, and a survey up to its thank-you', async () => {
    const el = preview(campaign('chat-prompt', { en: { b: 'Need a hand?' } }));
    const greeting = el.shadowRoot!.querySelector('[role="log"] .m.o')!;
    expect(greeting.textContent).toBe('Support: Need a hand?');

    const survey = preview(campaign('survey-csat', { en: { t: 'How was checkout?' } }));
    const root = survey.shadowRoot!;
    root.querySelectorAll<HTMLInputElement>('input[type=radio]')[3]!.click();
    await waitFor(() => expect(root.querySelectorAll('.sc.on')).toHaveLength(4));
    root.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await waitFor(() => expect(root.querySelector('[role="status"]')!.textContent).toBe('Thank you!'));
  });
});
