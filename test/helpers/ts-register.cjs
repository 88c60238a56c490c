/**
 * Runs the TypeScript sources in a plain node process, for tests that need the bot in a process
 * of its own (one they can kill -9): `node -r ./test/helpers/ts-register.cjs src/cli.ts serve`.
 * Why not dist/: during development it is stale (it is built by `npm ci` only); why not tsc:
 * type-checking the whole program takes 10 s and jest and lint do it anyway. Each required .ts
 * file is transpiled alone with tsconfig.json's options (decorator metadata included: every
 * entity column names its type, so nothing depends on types from other files) and cached by
 * content under node_modules/.cache/ts-register, so that a restart is quick.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
const cacheDir = path.join(root, 'node_modules', '.cache', 'ts-register');
const tsconfig = fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8');
const salt = `${require('typescript/package.json').version}\n${tsconfig}`;
let compilerOptions;

/** tsconfig.json's options as transpileModule takes them (TypeScript is loaded on the first cache miss only). */
function options(ts) {
  if (!compilerOptions) {
    const { config } = ts.parseConfigFileTextToJson('tsconfig.json', tsconfig);
    const { options: parsed } = ts.convertCompilerOptionsFromJson(config.compilerOptions, root);
    compilerOptions = { ...parsed, module: ts.ModuleKind.CommonJS, sourceMap: false, inlineSourceMap: false, declaration: false };
  }
  return compilerOptions;
}

function transpile(source, filename) {
  const file = path.join(cacheDir, `${crypto.createHash('sha1').update(`${salt}\n${filename}\n${source}`).digest('hex')}.js`);
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    const ts = require('typescript');
    const code = ts.transpileModule(source, { fileName: filename, compilerOptions: options(ts) }).outputText;
    fs.mkdirSync(cacheDir, { recursive: true });
    // Written aside and renamed: processes transpiling at once never read half a file.
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, code);
    fs.renameSync(tmp, file);
    return code;
  }
}

require.extensions['.ts'] = (module, filename) => {
  module._compile(transpile(fs.readFileSync(filename, 'utf8'), filename), filename);
};
