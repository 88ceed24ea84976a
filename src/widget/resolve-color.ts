import { parseColor, type Rgb } from './contrast';

const FALLBACK: Rgb = [79, 70, 229]; // #4f46e5, the default primary colour

/**
 * Any CSS colour the site gives (`#hex`, `rgb()`, a name, `hsl()` …) as RGB: hex and rgb() directly, the rest
 * through the browser's own parser (a CSSOM property set on an element inside `scope`, read back computed).
 * Unparseable values fall back to the default.
 */
export const resolveColor = (color: string, scope: ShadowRoot): Rgb => {
  const direct = parseColor(color);
  if (direct) return direct;
  const probe = document.createElement('i');
  probe.style.color = color;
  scope.append(probe);
  const rgb = probe.style.color ? parseColor(getComputedStyle(probe).color) : null;
  probe.remove();
  return rgb || FALLBACK;
};
