import { describe, expect, it } from 'vitest';
import { jsonDepth } from '../../server/json-depth.js';

describe('jsonDepth', () => {
  it('counts nesting of objects and arrays, ignoring brackets inside strings', () => {
    expect(jsonDepth('1')).toBe(0);
    expect(jsonDepth('{"a":[1,{"b":2}]}')).toBe(3);
    expect(jsonDepth('{"a":"[[[{{{","b":"\\"[[["}')).toBe(1);
    expect(jsonDepth('['.repeat(300_000) + ']'.repeat(300_000))).toBe(300_000);
  });
});
