/** An error the HTTP layer turns into `{error, message}` with this status (and optional headers and extra body fields). */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
    /** Further fields of the error body, such as every problem of an invalid campaign. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}
