import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const REGISTER = path.join(__dirname, 'ts-register.cjs');

/** The bot as a process of its own (`bot serve` from the sources), for tests that kill it. */
export interface BotProcess {
  child: ChildProcess;
  port: number;
  /** What it logged (stderr), for a failing test's message. */
  log(): string;
  /** kill -9: no shutdown handler runs, nothing is flushed or released. Resolves once it is gone. */
  kill(): Promise<void>;
}

/**
 * Starts `bot serve` from the TypeScript sources (test/helpers/ts-register.cjs) with `env` (and
 * PATH only from this process), and resolves with its port once it listens.
 */
export function startBotProcess(env: Record<string, string>, timeoutMs = 30_000): Promise<BotProcess> {
  const child = spawn(process.execPath, ['-r', REGISTER, 'src/cli.ts', 'serve'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', JOBS: 'off', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`the bot did not listen within ${timeoutMs} ms`)), timeoutMs);
    const fail = (e: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${e.message}\n${log.slice(-4000)}`));
    };
    const early = (code: number | null, signal: string | null) => fail(new Error(`the bot exited (${code ?? signal}) before it listened`));
    child.once('exit', early);
    let listening = false;
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      // Bounded: only the end is ever shown.
      log = (log + chunk).slice(-200_000);
      const port = listening ? null : /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(log)?.[1];
      if (!port) return;
      listening = true;
      clearTimeout(timer);
      child.off('exit', early);
      resolve({
        child,
        port: Number(port),
        log: () => log,
        async kill() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
          await exited;
        },
      });
    });
  });
}
