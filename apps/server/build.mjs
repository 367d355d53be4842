/**
 * Compiles the server to one JavaScript file, dist/main.js, for `npm start` (docs/decisions/0042).
 * Running the compiled file instead of the TypeScript sources under tsx saves the loader thread,
 * the transforms and the source maps: ~90 MB of resident memory at idle. The workspace packages
 * (@steward/core, @steward/contracts) are bundled in, as they ship TypeScript; every other package
 * stays an import from node_modules. The migrations are copied next to the bundle, where
 * db/client.ts looks for them.
 */
import { cp, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(root, 'dist');
const started = Date.now();
await rm(path.join(dist, 'main.js'), { force: true });
await rm(path.join(dist, 'migrations'), { recursive: true, force: true });
await build({
  entryPoints: [path.join(root, 'src/main.ts')],
  outfile: path.join(dist, 'main.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  plugins: [
    {
      name: 'node-modules-external',
      setup(b) {
        // Bare imports other than the workspace's own packages load from node_modules at run time.
        b.onResolve({ filter: /^[^./]/ }, (args) =>
          args.path.startsWith('@steward/') ? undefined : { path: args.path, external: true },
        );
      },
    },
  ],
});
await cp(path.join(root, 'src/db/migrations'), path.join(dist, 'migrations'), { recursive: true });
console.log(`Built dist/main.js in ${Date.now() - started} ms.`);
