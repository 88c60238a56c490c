#!/usr/bin/env node
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ConfigError } from './config/config-error';
import type { Logger } from './core/logger';
import { loadSettings, migrate, openDatabase, processLogger, serve, Settings } from './main';
import { runOrgImport } from './cli-org';

/** Where a CLI command writes: its output to `out`, messages for a person to `err`. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
}

const USAGE = `Usage: bot <command>

  start               apply pending migrations, then serve (what npm start runs)
  serve               run the webhook server (refuses while migrations are pending)
  migrate             apply pending database migrations
  org import FILE     import teams and employees from a YAML or CSV org file
  help                show this text

Configuration comes from the environment: see config/env.example.`;

/** A usage mistake: exit code 2 with the usage text. */
class UsageError extends Error {}

/**
 * Runs one CLI command and resolves to its exit code; `serve` and `start` resolve once the
 * server listens and keep the process alive. Errors never escape as stack traces.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const { positionals } = parseArgs({ args: argv, allowPositionals: true, strict: true, options: {} });
    const [command, ...rest] = positionals;
    switch (command) {
      case undefined:
      case 'help':
        io.out(USAGE);
        return 0;
      case 'migrate':
        return await withDatabase(io, async (settings, ds, logger) => {
          const ran = await migrate(ds);
          io.out(ran.length ? `Applied migrations:\n${ran.map((n) => `  ${n}`).join('\n')}` : 'The database is up to date.');
          logger.info({ migrations: ran }, 'migrations applied');
          return 0;
        }, { keepOpen: false });
      case 'serve':
      case 'start':
        return await withDatabase(io, async (settings, ds, logger) => {
          if (command === 'start') {
            const ran = await migrate(ds);
            if (ran.length) logger.info({ migrations: ran }, 'migrations applied');
          }
          await serve(settings, ds, logger);
          return 0;
        }, { keepOpen: true });
      case 'org':
        if (rest[0] !== 'import' || rest.length !== 2) throw new UsageError('org import needs exactly one FILE');
        return await withDatabase(io, (_s, ds) => runOrgImport(ds, rest[1], io), { keepOpen: false });
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`bot: ${(e as Error).message}\n\n${USAGE}`);
      return 2;
    }
    io.err(e instanceof ConfigError ? e.message : `bot: ${(e as Error).message}`);
    return 1;
  }
}

/** Loads settings, opens the database, runs `work`; closes the database unless `keepOpen`. */
async function withDatabase(
  io: CliIo,
  work: (settings: Settings, ds: Awaited<ReturnType<typeof openDatabase>>, logger: Logger) => Promise<number>,
  opts: { keepOpen: boolean },
): Promise<number> {
  const settings = loadSettings(io.env);
  const logger = processLogger(settings.env);
  const ds = await openDatabase(settings.env);
  let ok = false;
  try {
    const code = await work(settings, ds, logger);
    ok = true;
    return code;
  } finally {
    if ((!opts.keepOpen || !ok) && ds.isInitialized) await ds.destroy();
  }
}

if (require.main === module) {
  const io: CliIo = {
    out: (t) => process.stdout.write(`${t}\n`),
    err: (t) => process.stderr.write(`${t}\n`),
    env: process.env,
  };
  const command = process.argv[2];
  runCli(process.argv.slice(2), io).then((code) => {
    const long = (command === 'serve' || command === 'start') && code === 0;
    if (!long) process.exit(code);
  });
}
