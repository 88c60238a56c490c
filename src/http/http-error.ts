/** An error the error middleware (error-handler.ts) answers with `status` and `{ error: message }`. */
export type HttpError = Error & { status: number; expose: true };

/** An HTTP error whose message is safe to show the caller. */
export function httpError(status: number, message: string): HttpError {
  return Object.assign(new Error(message), { status, expose: true as const });
}
