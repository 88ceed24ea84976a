import { describe, expect, it, vi } from 'vitest';
import { createLauncher } from '../../src/core/launcher';

const draw = (o = {}, ja = false) => {
  const onIntent = vi.fn();
  const [button, badge] = createLauncher(o, ja, onIntent);
  return { button, badge, onIntent, host: button.getRootNode() as ShadowRoot };
};

describe('launcher', () => {
  it('is a named button inside its own shadow root, fixed in the chosen corner', () => {
    const { button, host } = draw({ position: 'left', offsetX: '32', color: '#0a7' });
    expect(host).toBeInstanceOf(ShadowRoot);
    expect(host.host.tagName).toBe('KIZUNA-LAUNCHER');
    expect(button.textContent).toBe('Chat');
    expect(button.style.position).toBe('fixed');
    expect(button.style.left).toBe('32px');
    expect(button.style.right).toBe('');
    // The page's own styles cannot reach the button; the host resets inherited ones.
    expect((host.host as HTMLElement).style.cssText).toContain('all');
  });

  it('speaks Japanese and shows the unread count in its name', () => {
    const { button, badge } = draw({}, true);
    expect(button.textContent).toBe('チャット');
    badge(3);
    expect(button.textContent).toBe('チャット (3)');
    badge(0);
    expect(button.textContent).toBe('チャット');
  });

  it('hover and focus announce intent (load early); a click opens', () => {
    const { button, onIntent } = draw();
    button.dispatchEvent(new PointerEvent('pointerenter'));
    button.dispatchEvent(new FocusEvent('focus'));
    button.click();
    expect(onIntent.mock.calls).toEqual([[false], [false], [true]]);
  });
});
