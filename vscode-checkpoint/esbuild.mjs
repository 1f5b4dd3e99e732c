// Bundles the extension into dist/extension.js (vscode stays external: the host provides it).
// With --tests, also bundles every test/*.test.ts into dist-test/ for `node --test`; those tests
// import only the pure modules under src/model and src/client that never touch the vscode API.
import { build } from 'esbuild';
import { readdirSync } from 'node:fs';

const production = process.argv.includes('--production');
const withTests = process.argv.includes('--tests');

await build({
  entryPoints: ['src/extension.ts'],
  bundle: true,
  outfile: 'dist/extension.js',
  external: ['vscode'],
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
});

if (withTests) {
  const tests = readdirSync('test').filter((file) => file.endsWith('.test.ts')).map((file) => `test/${file}`);
  await build({
    entryPoints: tests,
    bundle: true,
    outdir: 'dist-test',
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['vscode'],
    logLevel: 'warning',
  });
}
