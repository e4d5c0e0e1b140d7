// Runs an entry point of the project: its compiled JavaScript in dist/ (`npm run build`, which `npm ci` runs as `prepare`), or its
// TypeScript source through tsx when dist/ lacks a source file's build or holds an older one (a checkout being edited).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Whether every source file has a compiled copy at least as new as it. */
function distIsCurrent() {
  // The composition root, main.ts, sits beside the directories.
  const main = statSync(join(root, 'dist', 'main.js'), { throwIfNoEntry: false });
  if (!main || main.mtimeMs < statSync(join(root, 'main.ts')).mtimeMs) return false;
  for (const dir of ['src', 'adapters', 'commands']) {
    for (const file of readdirSync(join(root, dir), { recursive: true })) {
      if (!file.endsWith('.ts')) continue;
      const built = statSync(join(root, 'dist', dir, file.replace(/\.ts$/, '.js')), { throwIfNoEntry: false });
      if (!built || built.mtimeMs < statSync(join(root, dir, file)).mtimeMs) return false;
    }
  }
  return true;
}

/** `entry`: a source file without its extension, from the project's root (`src/cli`). */
export async function launch(entry) {
  if (distIsCurrent()) {
    await import(pathToFileURL(join(root, 'dist', `${entry}.js`)).href);
    return;
  }
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(root, `${entry}.ts`)).href);
}

// `node bin/launch.js main`: what `npm start` runs.
if (process.argv[1] === fileURLToPath(import.meta.url)) await launch(process.argv[2]);
