import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * The layer rules fire (docs/architecture.md, "Layers"): each fixture imports across a boundary
 * as real code would, relative or through the project path, and must be reported; the allowed
 * imports of the same files must not be.
 */
const ROOT = path.join(__dirname, '../..');

/**
 * Lints every fixture in one child process: ESLint loads its flat config with a dynamic import,
 * which jest's module sandbox cannot run.
 */
function lintAll(cases: Array<[string, string]>, ruleId = 'layers/imports'): string[][] {
  const script = `
    const { ESLint } = require('eslint');
    const path = require('node:path');
    (async () => {
      const eslint = new ESLint({ cwd: process.cwd() });
      const cases = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
      const out = [];
      for (const [file, code] of cases) {
        const [r] = await eslint.lintText(code, { filePath: path.join(process.cwd(), file) });
        out.push(r.messages.filter((m) => m.ruleId === process.argv[1]).map((m) => m.message));
      }
      process.stdout.write(JSON.stringify(out));
    })().catch((e) => { console.error(e); process.exit(1); });`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script, ruleId], { cwd: ROOT, input: JSON.stringify(cases), encoding: 'utf8' })) as string[][];
}

const REFUSED: Array<[string, string, RegExp]> = [
    ['src/commands/fixture.ts', "import { runJob } from '../jobs/run-job';", /src\/commands may not import src\/jobs/],
    ['src/commands/fixture.ts', "import { ds } from '../db/data-source';", /src\/commands may not import src\/db/],
    ['src/commands/nested/fixture.ts', "import { x } from '../../wiring/jobs';", /src\/commands may not import src\/wiring/],
    ['src/domain/fixture.ts', "import { Dispatcher } from '../core/dispatcher';", /src\/domain may not import src\/core/],
    ['src/domain/grammar/fixture.ts', "export { x } from '../../services/people';", /src\/domain may not import src\/services/],
    ['src/core/fixture.ts', "import type { Employee } from '../db/entities';", /src\/core may not import src\/db/],
    ['src/services/fixture.ts', "import { x } from '../commands/texts';", /src\/services may not import src\/commands/],
    ['src/jobs/fixture.ts', "import { OutboxWriter } from '../outbox/outbox-writer';", /src\/jobs may not import src\/outbox/],
    ['src/jobs/fixture.ts', "import { x } from '../config/env';", /src\/jobs may not import src\/config/],
    ['src/http/fixture.ts', "import { x } from '../services/people';", /src\/http may not import src\/services/],
    ['src/db/fixture.ts', "import { x } from '../services/people';", /src\/db may not import src\/services/],
    ['bots/feishu/fixture.ts', "import { x } from '../../src/services/people';", /bots\/feishu may not import src\/services/],
    ['bots/feishu/fixture.ts', "import { x } from '../../src/http/raw-body';", /bots\/feishu may not import src\/http/],
    ['bots/feishu/fixture.ts', "import { x } from '../wecom/api-client';", /bots\/feishu may not import bots\/wecom/],
    ['bots/web/fixture.ts', "import { x } from '../../src/http/app';", /bots\/web may not import src\/http/],
];

const ALLOWED: Array<[string, string]> = [
    ['src/commands/fixture.ts', "import { x } from '../services/people';"],
    ['src/services/fixture.ts', "import { x } from '../db/entities';"],
    ['src/jobs/fixture.ts', "import { x } from '../services/people';"],
    ['bots/feishu/fixture.ts', "import type { Messenger } from '../../src/core/messenger';"],
    ['bots/web/fixture.ts', "import { httpError } from '../../src/http/router-kit';"],
    ['src/wiring/fixture.ts', "import { x } from '../jobs/run-job';"],
    ['src/main.ts', "import { x } from './wiring/jobs';"],
];

describe('layer import rules', () => {
  let results: string[][];
  beforeAll(() => {
    results = lintAll([...REFUSED.map(([f, c]) => [f, c] as [string, string]), ...ALLOWED]);
  }, 60_000);

  test.each(REFUSED.map((c, i) => [...c, i] as const))('%s: %s is refused', (_file, _code, message, i) => {
    expect(results[i]).toEqual([expect.stringMatching(message)]);
  });

  test.each(ALLOWED.map((c, i) => [...c, REFUSED.length + i] as const))('%s: %s is allowed', (_file, _code, i) => {
    expect(results[i]).toEqual([]);
  });
});

describe('one way to reach the database: SQL only in src/db (docs/architecture.md, "Stores")', () => {
  const probes: Array<[string, string, string, boolean]> = [
    ['src/services/fixture.ts', "export const f = (ds: { query(s: string): void }) => ds.query('SELECT 1');", 'no-restricted-syntax', true],
    ['src/commands/fixture.ts', 'export const f = (tx: { find(): void }) => tx.find();', 'no-restricted-syntax', true],
    ['src/jobs/fixture.ts', "export const f = (x: { createQueryBuilder(): void }) => x.createQueryBuilder();", 'no-restricted-syntax', true],
    ['src/services/fixture.ts', "import { selectWhere } from '../db/lean-queries';\nexport const f = selectWhere;", '@typescript-eslint/no-restricted-imports', true],
    ['src/services/fixture.ts', "import { DataSource } from 'typeorm';\nexport const f = DataSource;", '@typescript-eslint/no-restricted-imports', true],
    ['src/services/fixture.ts', "import type { EntityManager } from 'typeorm';\nexport type F = EntityManager;", '@typescript-eslint/no-restricted-imports', false],
    ['src/db/stores/fixture.ts', "export const f = (tx: { query(s: string): void }) => tx.query('SELECT 1');", 'no-restricted-syntax', false],
    // The outbox's worker and claims are held to the rule like the rest (their SQL is in outbox-store.ts).
    ['src/outbox/outbox-worker.ts', 'export const f = (ds: { getRepository(): void }) => ds.getRepository();', 'no-restricted-syntax', true],
    ['src/outbox/outbox-claims.ts', 'export const f = (em: { createQueryBuilder(): void }) => em.createQueryBuilder();', 'no-restricted-syntax', true],
  ];
  test.each(probes)('%s: %s (%s) reported: %s', (file, code, rule, reported) => {
    const [messages] = lintAll([[file, code]], rule);
    expect(messages.length > 0).toBe(reported);
  });
});
