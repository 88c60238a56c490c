#!/usr/bin/env node
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ConfigError } from './config/config-error';
import type { Logger } from './core/logger';
import type { AppEnv } from './config/env';
import { migrate, openDatabase } from './wiring/database';
import { loadSettings, processLogger, serviceContext, type Settings } from './wiring/settings';

// Each command loads only what it runs (the server, the platforms' SDKs, exceljs), so a
// one-off command such as `payroll export` stays small: see README, "CLI".

/** Where a CLI command writes: its output to `out`, messages for a person to `err`. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Raw output without a newline (a CSV file); `out` is used when absent. */
  write?: (data: string) => void;
  env: NodeJS.ProcessEnv;
  /** The application's clock; the real one by default. */
  now?: () => Date;
}

const USAGE = `Usage: bot <command> [options]      (bot --help shows this)

  start               apply pending migrations, then serve (what npm start runs)
  serve               run the webhook server (refuses while migrations are pending)
  migrate             apply pending database migrations
  org import FILE     import teams and employees from a YAML or CSV org file
  org sync feishu|wecom [--dry-run]
                      bind the platform's directory accounts to employees by
                      employee number, then mobile; never creates or moves anyone
  job run NAME [--date YYYY-MM-DD] [--force]
                      run a job for the period containing the date: close-day,
                      day-digest, weekly-summary-check, close-month (default: the
                      last ended month)
  payroll export --month YYYY-MM [--format csv|xlsx] [--out FILE] [--draft]
                      the month's pay slips (CSV to stdout without --out)
  demo                load the demo organisation (one team, six people with web chat
                      accounts) into an empty database
  help, --help, -h    show this text

Configuration comes from the environment: see config/env.example. The CLI writes English:
results and data on stdout, usage mistakes, failures and logs on stderr; a refusal by the
company's rules (an org file row, a month not closed) quotes the bot's Chinese text.
Exit codes: 0 done, 1 failed or refused, 2 wrong usage.`;

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  date: { type: 'string' },
  force: { type: 'boolean' },
  month: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  draft: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
} as const;

/** Which options each command takes. */
const COMMAND_OPTIONS: Record<string, string[]> = { 'job run': ['date', 'force'], 'payroll export': ['month', 'format', 'out', 'draft'], 'org sync': ['dry-run'] };

/** A usage mistake: exit code 2 with the usage text. */
class UsageError extends Error {}

/**
 * Runs one CLI command and resolves to its exit code; `serve` and `start` resolve once the
 * server listens and keep the process alive. Errors never escape as stack traces.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, strict: true, options: OPTIONS });
    const [command, ...rest] = positionals;
    const now = (io.now ?? (() => new Date()))();
    // Why before anything else: `bot --help`, `bot payroll export --help` only ever show the usage.
    if (values.help) {
      io.out(USAGE);
      return 0;
    }
    const allowed = COMMAND_OPTIONS[`${command} ${rest[0] ?? ''}`.trim()] ?? COMMAND_OPTIONS[command ?? ''] ?? [];
    const stray = Object.keys(values).filter((k) => !allowed.includes(k));
    if (stray.length) throw new UsageError(`--${stray[0]} is not an option of ${command ?? 'bot'}`);
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
          const { loadDemoIfEmpty, serve } = await import('./main');
          const demo = command === 'start' ? await migrate(ds).then((ran) => {
            if (ran.length) logger.info({ migrations: ran }, 'migrations applied');
            return loadDemoIfEmpty(settings, ds, logger);
          }) : null;
          const running = await serve(settings, ds, logger);
          if (settings.env.webChat) io.out(webChatBanner(settings.env, running.port, demo !== null));
          return 0;
        }, { keepOpen: true });
      case 'org':
        if (rest[0] === 'sync') {
          const platform = rest[1];
          if ((platform !== 'feishu' && platform !== 'wecom') || rest.length !== 2) throw new UsageError('org sync needs exactly one platform: feishu or wecom');
          return await withDatabase(io, async (s, ds, logger) => {
            const [{ runOrgSync }, { readDirectory }, { zonedMinute }] = await Promise.all([import('./cli-org'), import('./wiring/directories'), import('./domain/dates')]);
            const today = zonedMinute(now, s.policy.timezone).date;
            return runOrgSync(ds, platform, () => readDirectory(s.env, platform, logger), { dryRun: values['dry-run'] === true, now, today }, io);
          }, { keepOpen: false });
        }
        if (rest[0] !== 'import' || rest.length !== 2) throw new UsageError('org import needs exactly one FILE');
        return await withDatabase(io, async (_s, ds) => (await import('./cli-org')).runOrgImport(ds, rest[1], io, now), { keepOpen: false });
      case 'job':
        if (rest[0] !== 'run' || rest.length !== 2) throw new UsageError('job run needs exactly one job NAME');
        return await withDatabase(io, async (s, ds, logger) => {
          const [{ runJobCommand }, { jobDeps }, { enabledPlatforms }] = await Promise.all([import('./cli-jobs'), import('./wiring/jobs'), import('./wiring/platforms')]);
          return runJobCommand(jobDeps(serviceContext(s, ds, logger), enabledPlatforms(s.env), { now: () => now }, logger), rest[1], { date: values.date, force: values.force, now }, io);
        }, { keepOpen: false });
      case 'payroll':
        if (rest[0] !== 'export' || rest.length !== 1) throw new UsageError('payroll export takes options only');
        return await withDatabase(
          io,
          async (s, ds, logger) =>
            (await import('./cli-payroll')).runPayrollExport(serviceContext(s, ds, logger), { month: values.month, format: values.format, out: values.out, draft: values.draft, now }, {
              write: io.write ?? io.out,
              err: io.err,
            }),
          { keepOpen: false },
        );
      case 'demo':
        if (rest.length) throw new UsageError('demo takes no arguments');
        return await withDatabase(io, async (s, ds, logger) => {
          if (await ds.showMigrations()) throw new Error('the database has pending migrations: run `bot migrate` first.');
          const { DemoRefusedError, demoOrgFile, loadDemoOrg } = await import('./services/demo');
          try {
            const r = await loadDemoOrg(serviceContext(s, ds, logger), demoOrgFile(s.env.POLICY_FILE), now);
            io.out(`Loaded the demo organisation: ${r.employeesCreated} people in ${r.teamsCreated} team, each with a web chat account; they start on ${r.startDate}.`);
            io.out(s.env.webChat ? 'Run `npm start` and open the web chat it prints.' : 'The web chat is off here (WEB_CHAT): turn it on to try the demo.');
            return 0;
          } catch (e) {
            if (!(e instanceof DemoRefusedError)) throw e;
            io.err(`bot: ${e.message}`);
            return 1;
          }
        }, { keepOpen: false });
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

/** The line `start` prints for people: where the web chat is, and how to get in. */
function webChatBanner(env: AppEnv, port: number, demoLoaded: boolean): string {
  const host = env.listenHost === '0.0.0.0' || env.listenHost === '::' ? 'localhost' : env.listenHost;
  const access = env.WEB_CHAT_TOKEN ? 'it asks for WEB_CHAT_TOKEN' : 'this machine only';
  const demo = demoLoaded ? '\nThe database was empty, so the demo organisation is loaded: pick someone on the page and type 帮助.' : '';
  return `Web chat: http://${host}:${port}/ (${access})${demo}`;
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
    write: (d) => process.stdout.write(d),
    err: (t) => process.stderr.write(`${t}\n`),
    env: process.env,
  };
  const command = process.argv[2];
  runCli(process.argv.slice(2), io).then((code) => {
    const long = (command === 'serve' || command === 'start') && code === 0;
    if (!long) process.exit(code);
  });
}
