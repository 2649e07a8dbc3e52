/**
 * Where a worker thread's code is. In the bundled server (`npm start`, server/scripts/bundle.ts) it
 * is that worker's own bundle beside main.mjs, plain JavaScript; under tsx (tests, development) it is
 * the worker's boot file, which registers tsx first — ~30 MB more for the thread (tsx's loader and
 * the modules it compiles). `import.meta.url` is this source file's location in both: the bundler
 * writes it in.
 *
 * @param name the worker's entry in bundle.ts (`dist/<name>.mjs`)
 * @param boot its boot file, for a server run through tsx
 */
export function workerEntry(name: string, boot: URL): URL {
  return process.env.BATON_BUNDLE === '1' ? new URL(`../../dist/${name}.mjs`, import.meta.url) : boot;
}
