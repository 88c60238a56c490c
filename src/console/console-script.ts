import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const NAME = 'console-client';

/**
 * The console pages' script. The build (tsc) compiles client/console-client.ts into dist next
 * to this module, so `npm start` reads that file; run from source (ts-jest, ts-node) only the
 * .ts exists and it is transpiled here with the project's TypeScript, a dev dependency (as the
 * web chat's script is, bots/web/web-page.ts).
 */
export function loadConsoleScript(dir = path.join(__dirname, 'client')): string {
  const built = path.join(dir, `${NAME}.js`);
  if (existsSync(built)) return readFileSync(built, 'utf8').replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n');
  const source = path.join(dir, `${NAME}.ts`);
  if (!existsSync(source)) throw new Error(`The console's script is missing: neither ${built} nor ${source} exists (run npm run build)`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a dev dependency, needed only when running from source
  const ts = require('typescript') as typeof import('typescript');
  return ts.transpileModule(readFileSync(source, 'utf8'), { compilerOptions: { target: ts.ScriptTarget.ES2022, removeComments: false } }).outputText;
}
