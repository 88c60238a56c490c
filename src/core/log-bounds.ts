/**
 * Bounds on what a log line may carry. An error of the database driver holds the statement and
 * its parameters (TypeORM's QueryFailedError: `query`, `parameters`; mysql2: `sql` with the
 * values inlined): a 30,000-character reason became a 93 KB line with a user's text in it. Those
 * fields are dropped, the error code and a bounded message kept, and every string is cut.
 */

/** Longest string a log field keeps. */
export const LOG_TEXT_MAX = 1000;
/** Longest error message kept (driver messages quote values, e.g. "Duplicate entry '…'"). */
export const LOG_ERROR_MESSAGE_MAX = 300;
/** Longest stack kept (its frames; the first line is the bounded message). */
export const LOG_STACK_MAX = 4000;
/** Items of an array kept. */
const ARRAY_MAX = 50;
/** Nesting kept. */
const DEPTH_MAX = 8;

/** Fields of driver errors that hold SQL or its parameters: never logged. */
const SQL_FIELDS = new Set(['query', 'parameters', 'sql', 'values']);

/** `text` cut to `max` characters, saying how many were left out. */
export function boundText(text: string, max = LOG_TEXT_MAX): string {
  return text.length <= max ? text : `${text.slice(0, max)}…[${text.length - max} more characters]`;
}

/** An Error, from this realm or another (Node's own errors under jest's sandbox); not an error already serialized. */
function isError(value: unknown): value is Error {
  return value instanceof Error || Object.prototype.toString.call(value) === '[object Error]';
}

/** An error as a plain object: type, bounded message and stack, its own fields minus SQL, the cause. */
export function serializeError(err: Error, depth = 0): Record<string, unknown> {
  const type = err.constructor?.name && err.constructor.name !== 'Object' ? err.constructor.name : err.name;
  const message = boundText(String(err.message ?? ''), LOG_ERROR_MESSAGE_MAX);
  const out: Record<string, unknown> = { type, message };
  if (typeof err.stack === 'string') {
    const frames = err.stack.indexOf('\n    at ');
    out.stack = `${type}: ${message}${frames >= 0 ? boundText(err.stack.slice(frames), LOG_STACK_MAX) : ''}`;
  }
  for (const [key, value] of Object.entries(err)) {
    if (SQL_FIELDS.has(key) || key === 'message' || key === 'stack') continue;
    out[key] = key === 'sqlMessage' && typeof value === 'string' ? boundText(value, LOG_ERROR_MESSAGE_MAX) : boundForLog(value, depth + 1);
  }
  const cause = (err as { cause?: unknown }).cause;
  if (cause !== undefined && !('cause' in out)) out.cause = boundForLog(cause, depth + 1);
  return out;
}

/**
 * A copy of `value` fit for a log line: errors serialized without SQL, strings and arrays
 * bounded, nesting cut; dates and other primitives kept as they are.
 */
export function boundForLog(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return boundText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > DEPTH_MAX) return '[nested too deep]';
  if (isError(value)) return serializeError(value, depth);
  if (value instanceof Date) return value;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return boundForLog((value as { toJSON(): unknown }).toJSON(), depth + 1);
  if (ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
  if (Array.isArray(value)) {
    const kept = value.slice(0, ARRAY_MAX).map((v) => boundForLog(v, depth + 1));
    return value.length > ARRAY_MAX ? [...kept, `…[${value.length - ARRAY_MAX} more items]`] : kept;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = boundForLog(v, depth + 1);
  return out;
}
