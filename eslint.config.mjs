// Lint: typescript-eslint plus the layer import rules of docs/architecture.md (who may import whom).
import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The layer of a file (docs/architecture.md, "Layers"), from its path relative to the project:
 * src/<dir>, bots/<platform>, migrations, or root for main.ts and cli*.ts.
 */
function layerOf(file) {
  const parts = path.relative(import.meta.dirname, file).split(path.sep);
  if (parts[0] === 'bots') return parts.length > 2 ? `bots/${parts[1]}` : 'bots';
  if (parts[0] === 'migrations') return 'migrations';
  if (parts[0] !== 'src') return null;
  if (parts.length === 2) return /^(main|cli)(-|\.)/.test(parts[1]) ? 'root' : `src/${parts[1].replace(/\.ts$/, '')}`;
  return `src/${parts[1]}`;
}

/**
 * Who may import whom, by resolved path, so `../jobs/x` and `../../src/jobs/x` are caught alike:
 * each layer lists the layers of ours it may import (itself always). Root and src/wiring wire
 * every layer and are not listed. bots/web may also use src/http/router-kit (its page's HTTP).
 */
const ALLOWED = {
  'src/domain': [],
  'src/core': ['src/domain'],
  'src/config': ['src/domain'],
  'src/db': ['src/domain', 'src/core', 'migrations'],
  'src/outbox': ['src/domain', 'src/core', 'src/db'],
  'src/services': ['src/domain', 'src/core', 'src/db'],
  'src/commands': ['src/domain', 'src/core', 'src/services'],
  'src/jobs': ['src/domain', 'src/core', 'src/services'],
  'src/http': ['src/domain', 'src/core'],
  'src/charts': ['src/domain', 'src/core'],
  'src/console': ['src/domain', 'src/core', 'src/services', 'src/charts'],
  migrations: [],
  bots: ['src/domain', 'src/core'],
};
const EXTRA = { 'bots/web': ['src/http/router-kit'], 'src/console': ['src/http/router-kit'] };

const layerPlugin = {
  rules: {
    imports: {
      meta: { type: 'problem', schema: [], messages: { forbidden: '{{from}} may not import {{to}} ({{target}}): see docs/architecture.md, "Layers"' } },
      create(context) {
        const from = layerOf(context.filename);
        const allowed = from && (ALLOWED[from] ?? (from.startsWith('bots/') ? ALLOWED.bots : undefined));
        if (!allowed) return {};
        const check = (node) => {
          const spec = node.source?.value;
          if (typeof spec !== 'string' || !spec.startsWith('.')) return;
          const target = path.resolve(path.dirname(context.filename), spec);
          const to = layerOf(target);
          if (!to || to === from) return;
          const rel = path.relative(import.meta.dirname, target).split(path.sep).join('/');
          if (allowed.includes(to) || (EXTRA[from] ?? []).some((p) => rel === p || rel.startsWith(`${p}.`))) return;
          context.report({ node: node.source, messageId: 'forbidden', data: { from, to, target: rel } });
        };
        return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
      },
    },
  },
};

const io = ['typeorm', 'koa', '@koa/*', '@larksuiteoapi/*', 'wechaty', 'wechaty-*', 'mysql2', 'mysql2/*', 'better-sqlite3', 'pino', 'node-cron'];
const restrict = (files, message, patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }] },
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', '.bench-build/**'] },
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
  // Libraries each layer must not use (our own imports are checked by layers/imports below).
  restrict(['src/domain/**/*.ts'], 'src/domain is pure: no I/O libraries (docs/architecture.md, "Layers")', io),
  restrict(['src/core/**/*.ts'], 'src/core imports domain types only and defines ports (docs/architecture.md, "Layers")', ['typeorm', 'koa', '@koa/*', '@larksuiteoapi/*', 'wechaty', 'mysql2', 'better-sqlite3']),
  restrict(['src/config/**/*.ts'], 'src/config validates env and config files; no I/O libraries beyond reading them', io),
  restrict(['src/services/**/*.ts', 'src/db/**/*.ts', 'src/outbox/**/*.ts'], 'services, db and outbox never know Koa or a platform (docs/architecture.md, "Layers")', ['koa', '@koa/*', '@larksuiteoapi/*', 'wechaty']),
  restrict(['src/commands/**/*.ts', 'src/jobs/**/*.ts'], 'commands and jobs reach the database only through services (docs/architecture.md, "Layers")', ['typeorm', 'mysql2', 'better-sqlite3', 'koa', '@koa/*', '@larksuiteoapi/*', 'wechaty']),
  restrict(['src/http/**/*.ts'], 'http is Koa only (docs/architecture.md, "Layers")', ['typeorm', 'mysql2', 'better-sqlite3', '@larksuiteoapi/*', 'wechaty']),
  restrict(['src/charts/**/*.ts'], 'src/charts turns a NeutralChart into SVG or PNG; nothing else (docs/architecture.md, "Layers")', ['typeorm', 'mysql2', 'better-sqlite3', 'koa', '@koa/*', '@larksuiteoapi/*', 'wechaty']),
  restrict(['src/console/**/*.ts'], 'the console reaches the database only through services (docs/architecture.md, "Layers")', ['typeorm', 'mysql2', 'better-sqlite3', '@larksuiteoapi/*', 'wechaty']),
  restrict(['bots/**/*.ts'], 'platform adapters never touch the database (docs/architecture.md, "Layers")', ['typeorm', 'mysql2', 'better-sqlite3']),
  {
    // One way to reach the database (docs/architecture.md, "Stores"): SQL, repositories and the
    // query builder live in src/db; everything above calls its stores with the handle `tx`.
    files: ['src/services/**/*.ts', 'src/commands/**/*.ts', 'src/jobs/**/*.ts', 'src/outbox/**/*.ts', 'src/wiring/**/*.ts', 'src/console/**/*.ts', 'src/main.ts', 'src/cli*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [{ name: 'typeorm', allowTypeImports: true, message: 'reach the database through src/db/stores' }],
        patterns: [{ group: ['**/db/lean-queries', '**/db/locks'], message: 'statements are built in src/db/stores' }],
      }],
      'no-restricted-syntax': ['error',
        { selector: 'CallExpression[callee.property.name=/^(query|createQueryBuilder|getRepository|createQueryRunner)$/]', message: 'SQL, repositories and query builders live in src/db (a store)' },
        { selector: 'CallExpression[callee.object.name=/^(tx|em|sp|manager)$/]', message: 'only the stores call the transaction handle; add a store function' },
      ],
    },
  },
  { files: ['src/**/*.ts', 'bots/**/*.ts', 'migrations/**/*.ts'], plugins: { layers: layerPlugin }, rules: { 'layers/imports': 'error' } },
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
  { files: ['**/*.js', '**/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
