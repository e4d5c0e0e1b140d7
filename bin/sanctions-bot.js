#!/usr/bin/env node
// The `sanctions-bot` command: the compiled CLI in dist/ (`npm run build`, which `npm ci` runs as `prepare`), or the
// TypeScript sources through tsx when dist/ lacks a source file's build or holds an older one (a checkout being edited).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Whether every source file has a compiled copy at least as new as it. */
function distIsCurrent() {
  for (const dir of ['src', 'adapters', 'commands']) {
    for (const file of readdirSync(join(root, dir), { recursive: true })) {
      if (!file.endsWith('.ts')) continue;
      const built = statSync(join(root, 'dist', dir, file.replace(/\.ts$/, '.js')), { throwIfNoEntry: false });
      if (!built || built.mtimeMs < statSync(join(root, dir, file)).mtimeMs) return false;
    }
  }
  return true;
}

if (distIsCurrent()) {
  await import('../dist/src/cli.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli.ts');
}
