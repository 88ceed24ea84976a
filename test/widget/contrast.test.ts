import { describe, expect, it } from 'vitest';
import { contrastRatio, parseColor, textOn, type Rgb } from '../../src/widget/contrast';

const WHITE: Rgb = [255, 255, 255];
const BLACK: Rgb = [0, 0, 0];

describe('contrast helper', () => {
  it('computes WCAG ratios', () => {
    expect(contrastRatio(WHITE, BLACK)).toBeCloseTo(21, 5);
    expect(contrastRatio(BLACK, WHITE)).toBeCloseTo(21, 5);
    expect(contrastRatio(WHITE, WHITE)).toBe(1);
    // #767676 is the classic lightest grey that passes AA on white (4.54:1); #777 fails (4.48:1).
    expect(contrastRatio(parseColor('#767676')!, WHITE)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(parseColor('#777')!, WHITE)).toBeLessThan(4.5);
  });

  it('parses hex and rgb() colours and refuses the rest', () => {
    expect(parseColor('#4f46e5')).toEqual([79, 70, 229]);
    expect(parseColor('#FFF')).toEqual([255, 255, 255]);
    expect(parseColor('#00ff0080')).toEqual([0, 255, 0]);
    expect(parseColor('rgb(1, 2, 3)')).toEqual([1, 2, 3]);
    expect(parseColor('rgba(10 20 30 / 50%)')).toEqual([10, 20, 30]);
    expect(parseColor('red;}body{display:none')).toBeNull();
    expect(parseColor('#12345')).toBeNull();
  });

  it('puts white on dark primaries and black on light ones', () => {
    expect(textOn(parseColor('#4f46e5')!)).toBe('#fff');
    expect(textOn(parseColor('#111827')!)).toBe('#fff');
    expect(textOn(parseColor('#facc15')!)).toBe('#000');
    expect(textOn(parseColor('#a7f3d0')!)).toBe('#000');
  });

  it('meets AA (4.5:1) for every primary colour a site could pick', () => {
    let worst = 21;
    for (let r = 0; r < 256; r += 15)
      for (let g = 0; g < 256; g += 15)
        for (let b = 0; b < 256; b += 15) {
          const bg: Rgb = [r, g, b];
          worst = Math.min(worst, contrastRatio(bg, parseColor(textOn(bg))!));
        }
    expect(worst).toBeGreaterThanOrEqual(4.5);
  });
});
