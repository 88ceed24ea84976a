/** One problem the server found in a body, by path (`trigger.scroll.percent`), as a 400 lists them. */
export interface FieldError {
  path: string;
  message: string;
}

/** An admin API call that did not succeed: HTTP status (0 = network), machine code and a message to show. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** Every problem with its path, when the server listed them (campaigns, engagement settings, message limits). */
  readonly errors: FieldError[];

  constructor(status: number, code: string, message: string, errors: FieldError[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.errors = errors;
  }
}

/** True when the error means the operator session is missing or expired. */
export function isUnauthorized(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}

/** A message fit to show an operator for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong.';
}
