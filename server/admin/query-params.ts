import { HttpError } from '../http-error.js';

/** Reads an optional positive integer query parameter, clamped to `max`; 400 when it is not a number. */
export function intParam(value: unknown, name: string, fallback: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value) || Number(value) < 1) {
    throw new HttpError(400, 'invalid_request', `${name} must be a positive integer`);
  }
  return Math.min(Number(value), max);
}

/** Reads an optional string query parameter (empty = absent). */
export function strParam(value: unknown, name: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || value.length > 200) throw new HttpError(400, 'invalid_request', `${name} must be a string of at most 200 characters`);
  return value;
}
