import { describe, expect, it } from 'vitest';
import type { WidgetOptions } from '../../src/widget/host';
import { widgetCss } from '../../src/widget/styles';

describe('widget stylesheet', () => {
  it('applies the documented defaults when the tag passes no options', () => {
    const css = widgetCss({} as WidgetOptions, [79, 70, 229]);
    expect(css).toContain('--pr:rgb(79 70 229);--on:#fff;');
    expect(css).toContain('--z:2147483000;--y:20px;');
    expect(css).toContain('.p,.sd{right:20px}');
    // Messages in the launcher's corner sit above the launcher.
    expect(css).toContain('--b:88px;');
    expect(css).toContain('@media (prefers-color-scheme:dark)');
  });

  it('reads data-* strings, the left corner and a forced theme', () => {
    const css = widgetCss({ position: 'left', offsetX: '8', offsetY: '0', zIndex: '99', theme: 'dark', color: '', font: 'Inter' } as never, [250, 204, 21]);
    expect(css).toContain('--on:#000;');
    expect(css).toContain('--z:99;--y:0px;');
    expect(css).toContain('.p,.sd{left:8px}');
    expect(css).toContain('--b:68px;');
    expect(css).not.toContain('prefers-color-scheme');
    expect(css).toContain('color-scheme:dark');
    expect(widgetCss({ theme: 'light' } as WidgetOptions, [0, 0, 0])).not.toContain('color-scheme:dark');
  });

  it('puts corner messages in the corner itself when the launcher is hidden', () => {
    expect(widgetCss({ launcher: 'false', offsetY: '12' } as never, [0, 0, 0])).toContain('--b:12px;');
    expect(widgetCss({ launcher: false } as WidgetOptions, [0, 0, 0])).toContain('--b:20px;');
  });

  it('cannot be broken out of through the options', () => {
    const css = widgetCss(
      { font: 'x;}body{display:none}', offsetX: '1px;}*{color:red', zIndex: 'auto', position: 'center;top' } as never,
      [0, 0, 0],
    );
    expect(css).toContain('--font:xbodydisplay:none;');
    expect(css).toContain('.p,.sd{right:20px}');
    expect(css).toContain('--z:2147483000;');
    expect(css).not.toContain('color:red');
  });
});
