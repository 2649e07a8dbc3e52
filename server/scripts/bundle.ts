/**
 * Bundles the server for `npm start`: its own modules (and the workspace packages @baton/schemas and
 * @baton/plugin-sdk) into `server/dist/main.mjs`, packages from node_modules left as imports.
 *
 * Why: with tsx as the loader, every module the server imports — ~300 of ours and ~600 from
 * node_modules — is resolved and loaded through tsx's hooks, which on Node 20 run on a separate
 * thread with a synchronous round trip per import: ~1.1 s of a 3.5–5 s start at 100,000 issues.
 * Loaded from one plain-JavaScript file the same graph takes ~0.4 s (measured, docs/decisions.md).
 *
 * Not a deployable artefact: `import.meta.url` and `import.meta.dirname` are replaced, per file, by
 * the source file's own location, so the code that finds its neighbours (the playbooks folder,
 * the schemas, the studio's build, the worker entries) behaves exactly as it does under tsx. The
 * bundle belongs to the checkout it was built from; `npm start` rebuilds it (~0.3 s) every time.
 *
 * Run: `node --import tsx server/scripts/bundle.ts` (prints nothing on success).
 */
import { readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

const serverDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(serverDir, 'dist');
export const BUNDLE_ENTRY = join(DIST, 'main.mjs');

/** Our own code: relative imports and the workspace packages. Everything else stays an import. */
const OWN_PACKAGES = /^@baton\/(schemas|plugin-sdk)(\/|$)/;

const sourceLocations: Plugin = {
  name: 'source-locations',
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, (args) =>
      OWN_PACKAGES.test(args.path) || args.path.startsWith('node:')
        ? undefined
        : { path: args.path, external: true },
    );
    builder.onLoad({ filter: /\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const contents = source
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
        .replaceAll('import.meta.dirname', JSON.stringify(dirname(args.path)));
      return { contents, loader: 'ts' };
    });
  },
};

export async function bundleServer(): Promise<void> {
  // Chunk names carry content hashes: start clean so old chunks do not pile up.
  await rm(DIST, { recursive: true, force: true });
  await build({
    entryPoints: {
      main: join(serverDir, 'src', 'main.ts'),
      // Worker threads' entries (shared/worker-entry.ts): through tsx a thread costs ~30 MB more.
      'vector-worker': join(serverDir, 'src', 'intelligence', 'retrieval', 'vector-worker-thread.ts'),
      'template-worker': join(serverDir, 'src', 'notify', 'template-worker.ts'),
    },
    outdir: DIST,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    // Dynamic imports (the MongoDB store) stay separate chunks, loaded only when used.
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    // Read by main.ts: the bundle registers tsx itself, after its own imports, for plugin folders.
    define: { 'process.env.BATON_BUNDLE': '"1"' },
    logLevel: 'warning',
    plugins: [sourceLocations],
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await bundleServer();
