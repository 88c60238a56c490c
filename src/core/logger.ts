import pino from 'pino';
import { boundForLog, boundText } from './log-bounds';
import { maskPhones, maskValue } from './mask';

/** The logger every layer receives: pino's interface, JSON lines. */
export type Logger = pino.Logger;

/** Options for {@link createLogger}. */
export interface LoggerOptions {
  level?: string;
  /** Where lines go; stdout by default, stderr for CLI commands whose stdout is output. */
  destination?: pino.DestinationStream;
}

/**
 * A pino JSON logger that masks phone numbers in messages and fields and hides secret-named
 * fields, and bounds every string and error (log-bounds.ts: no SQL, no parameters), so no call
 * site has to remember to.
 */
export function createLogger(opts: LoggerOptions = {}): Logger {
  return pino(
    {
      level: opts.level ?? 'info',
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (obj) => maskValue(boundForLog(obj)) as Record<string, unknown>,
      },
      serializers: {
        err: (e: unknown) => maskValue(boundForLog(e)),
        // pino takes the message of `logger.error(err)` from the error itself.
        msg: (m: unknown) => (typeof m === 'string' ? maskPhones(boundText(m)) : m),
      },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((a) => (typeof a === 'string' ? maskPhones(boundText(a)) : a));
          return method.apply(this, masked as Parameters<typeof method>);
        },
      },
    },
    opts.destination ?? pino.destination({ fd: 1, sync: true }),
  );
}
