// Keeps the layers honest: the core and the commands never import an adapter or a platform SDK, and the store takes only types from the alerts.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const PLATFORM = /^(discord\.js|discord-api-types|@discordjs\/|@slack\/|discord-interactions|tweetnacl)/;

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((f) => f.isFile() && f.name.endsWith('.ts'))
    .map((f) => join(f.parentPath, f.name));
}

interface Import {
  spec: string;
  /** `import type` / `export type`: erased, no code of the module runs. */
  typeOnly: boolean;
}

/**
 * Every module a source loads: `import … from`, `export … from`, a side-effect `import '…'`, `import('…')`, and
 * `require('…')` (as createRequire gives it); comments are not read.
 */
function imports(text: string): Import[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const found: Import[] = [];
  for (const m of code.matchAll(/(?:^|[;\n])\s*(import|export)(\s+type\b)?([^'"`;]*?)\bfrom\s*['"]([^'"]+)['"]/g)) {
    // `import { type A, type B } from` is type-only too.
    const names = m[3]!.replace(/[{}\s]/g, '');
    const allTypes = names.length > 0 && names.split(',').filter(Boolean).every((n) => n.startsWith('type'));
    found.push({ spec: m[4]!, typeOnly: Boolean(m[2]) || allTypes });
  }
  for (const m of code.matchAll(/(?:^|[;\n])\s*import\s*['"]([^'"]+)['"]/g)) found.push({ spec: m[1]!, typeOnly: false });
  for (const m of code.matchAll(/\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push({ spec: m[1]!, typeOnly: false });
  return found;
}

const resolved = (file: string, spec: string) => relative(root, join(file, '..', spec));

function offences(dir: string, forbidden: (file: string, i: Import) => boolean): string[] {
  return sources(dir).flatMap((file) => imports(readFileSync(file, 'utf8')).filter((i) => forbidden(file, i)).map((i) => `${relative(root, file)} imports ${i.spec}`));
}

describe('layer boundaries', () => {
  it('finds the sources it checks', () => {
    expect(sources('src').length).toBeGreaterThan(10);
    expect(sources('commands').length).toBeGreaterThan(2);
  });

  it.each([
    ['src', /^(adapters|commands)\//],
    ['commands', /^adapters\//],
  ])('%s imports no platform SDK and nothing from the layers above it, with no exemption', (dir, above) => {
    expect(offences(dir, (file, i) => PLATFORM.test(i.spec) || (i.spec.startsWith('.') && above.test(resolved(file, i.spec))))).toEqual([]);
  });

  it('has no createRequire under src/ or commands/: every import is one this test reads', () => {
    const users = [...sources('src'), ...sources('commands')].filter((f) => /\bcreateRequire\b/.test(readFileSync(f, 'utf8')));
    expect(users.map((f) => relative(root, f))).toEqual([]);
  });

  it('lets the store take only types from the alerts', () => {
    expect(offences('src/store', (file, i) => !i.typeOnly && resolved(file, i.spec).startsWith('src/alerts/'))).toEqual([]);
  });

  it('would catch an offending import of every kind', () => {
    const specs = (text: string) => imports(text).map((i) => `${i.spec}${i.typeOnly ? ' (type)' : ''}`);
    expect(specs("import { Client } from 'discord.js';")).toEqual(['discord.js']);
    expect(specs("import '../adapters/slack/slack.ts';")).toEqual(['../adapters/slack/slack.ts']);
    expect(specs("export * from '../adapters/x.ts';")).toEqual(['../adapters/x.ts']);
    expect(specs("const m = await import('@slack/bolt');")).toEqual(['@slack/bolt']);
    expect(specs("const require = createRequire(import.meta.url);\nconst d = require('discord-api-types/v10');")).toEqual(['discord-api-types/v10']);
    expect(specs("import type { Reply } from '../alerts/x.ts';\nimport { type A, type B } from '../alerts/y.ts';\nimport { C, type D } from '../alerts/z.ts';")).toEqual([
      '../alerts/x.ts (type)',
      '../alerts/y.ts (type)',
      '../alerts/z.ts',
    ]);
    expect(specs("// import '../adapters/commented.ts'")).toEqual([]);
    expect(PLATFORM.test('discord-api-types/v10')).toBe(true);
    // The composition root is outside src/ and wires the adapters, as it should.
    expect(imports(readFileSync(join(root, 'main.ts'), 'utf8')).map((i) => i.spec)).toContain('./adapters/platforms.ts');
  });
});
