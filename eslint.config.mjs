// Lint: typescript-eslint plus DESIGN.md's layer import rules (who may import whom).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const io = ['typeorm', 'koa', '@koa/*', '@larksuiteoapi/*', 'wechaty', 'wechaty-*', 'mysql2', 'mysql2/*', 'better-sqlite3', 'pino', 'node-cron'];
const layer = (dirs) => dirs.flatMap((d) => [`**/src/${d}`, `**/src/${d}/*`, `**/src/${d}/**`]);
const restrict = (files, message, patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }] },
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', setImmediate: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-console': 'off',
    },
  },
  restrict(['src/domain/**/*.ts'], 'src/domain is pure: no I/O libraries and nothing of ours outside domain (DESIGN.md layers)', [
    ...io, ...layer(['core', 'commands', 'services', 'db', 'config', 'jobs', 'outbox', 'http']), '../core/*', '../db/*', '../services/*', '../http/*', '../commands/*', '../config/*', '../jobs/*', '../outbox/*',
  ]),
  restrict(['src/core/**/*.ts'], 'src/core imports domain types only and defines ports (DESIGN.md layers)', [
    'typeorm', 'koa', '@koa/*', '@larksuiteoapi/*', 'wechaty', 'mysql2', 'better-sqlite3', ...layer(['commands', 'services', 'db', 'jobs', 'outbox', 'http']), '../db/*', '../services/*', '../http/*', '../commands/*', '../jobs/*', '../outbox/*',
  ]),
  restrict(['src/services/**/*.ts'], 'services combine domain + db; they never know Koa or a platform (DESIGN.md layers)', [
    'koa', '@koa/*', '@larksuiteoapi/*', 'wechaty', ...layer(['http', 'commands', 'jobs']), '**/bots/**',
  ]),
  restrict(['src/db/**/*.ts', 'src/outbox/**/*.ts'], 'db/ and outbox/ implement ports; they do not reach up (DESIGN.md layers)', [
    'koa', '@koa/*', '@larksuiteoapi/*', 'wechaty', ...layer(['http', 'commands', 'services', 'jobs']), '**/bots/**',
  ]),
  restrict(['src/commands/**/*.ts'], 'commands import core and services only (DESIGN.md layers)', [
    'typeorm', 'koa', '@koa/*', '@larksuiteoapi/*', 'wechaty', ...layer(['http', 'db', 'jobs', 'outbox']), '**/bots/**',
  ]),
  restrict(['src/jobs/**/*.ts'], 'jobs import services and core (DESIGN.md layers)', [
    'typeorm', 'koa', '@koa/*', '@larksuiteoapi/*', 'wechaty', ...layer(['http', 'commands', 'db', 'outbox']), '../db/*', '../outbox/*', '**/bots/**',
  ]),
  restrict(['src/http/**/*.ts'], 'http is Koa only and imports core (DESIGN.md layers)', [
    'typeorm', '@larksuiteoapi/*', 'wechaty', ...layer(['db', 'services', 'commands', 'jobs', 'outbox']), '**/bots/**',
  ]),
  // bots/web serves a page of its own: of src/http it may use the router kit (errors, JSON body, browser guard), nothing else.
  restrict(['bots/**/*.ts'], 'platform adapters import core types only (DESIGN.md layers)', [
    'typeorm', ...['services', 'db', 'commands', 'jobs', 'outbox', 'config', 'wiring'].flatMap((d) => [`**/src/${d}`, `**/src/${d}/**`]), '**/src/http/*', '!**/src/http/router-kit',
  ]),
  restrict(['src/config/**/*.ts'], 'src/config validates env and config files into domain types; it imports nothing else of ours', [
    ...io, ...layer(['core', 'commands', 'services', 'db', 'jobs', 'outbox', 'http', 'wiring']), '../core/*', '../db/*', '../services/*', '../http/*', '../commands/*', '../jobs/*', '../outbox/*', '../wiring/*', '**/bots/**',
  ]),
  {
    // The composition root: main.ts, cli.ts (and its cli-*.ts commands) and src/wiring/ may import every layer; nothing else imports the wiring.
    files: ['src/**/*.ts', 'bots/**/*.ts'],
    ignores: ['src/main.ts', 'src/cli.ts', 'src/cli-*.ts', 'src/wiring/**'],
    rules: {
      'no-restricted-syntax': ['error', { selector: 'ImportDeclaration[source.value=/(^|\\/)wiring(\\/|$)/]', message: 'only main.ts and cli.ts use src/wiring (the composition root)' }],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
  { files: ['**/*.js', '**/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
