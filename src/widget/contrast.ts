/** An sRGB colour as [red, green, blue], each 0–255. */
export type Rgb = [number, number, number];

/** Parses `#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa` and `rgb()`/`rgba()` (what getComputedStyle returns); else null. */
export const parseColor = (s: string): Rgb | null => {
  s = String(s).trim();
  let m = /^#([\da-f]{3,4}|[\da-f]{6}|[\da-f]{8})$/i.exec(s);
  if (m) {
    let h = m[1]!;
    if (h.length < 5) h = h.replace(/./g, '$&$&');
    return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as Rgb;
  }
  m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/i.exec(s);
  return m ? ([m[1], m[2], m[3]].map((x) => Math.min(255, Math.round(+x!))) as Rgb) : null;
};

// WCAG 2.x relative luminance: https://www.w3.org/TR/WCAG21/#dfn-relative-luminance
const channel = (c: number) => ((c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const luminance = ([r, g, b]: Rgb) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);

/** WCAG contrast ratio of two colours, 1–21. */
export const contrastRatio = (a: Rgb, b: Rgb): number => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
};

/**
 * The text colour for a background: white or black, whichever contrasts more. Black, not a softer near-black:
 * for a mid-grey background only pure black still clears AA's 4.5:1 (the worst case is 4.58:1).
 */
export const textOn = (bg: Rgb): '#fff' | '#000' =>
  contrastRatio(bg, [255, 255, 255]) >= contrastRatio(bg, [0, 0, 0]) ? '#fff' : '#000';
