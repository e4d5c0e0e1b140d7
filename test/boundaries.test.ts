// Keeps the layers honest: the core and the commands never import an adapter or a platform SDK.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const PLATFORM = /^(discord\.js|@discordjs\/|@slack\/|discord-interactions|tweetnacl)/;
// The composition root: the one file that wires adapters to the core when the bot starts.
const COMPOSITION_ROOT = 'src/main.ts';

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((f) => f.isFile() && f.name.endsWith('.ts'))
    .map((f) => join(f.parentPath, f.name));
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (m) => m[1] ?? m[2]!,
  );
}

describe('layer boundaries', () => {
  it('finds the sources it checks', () => {
    expect(sources('src').length).toBeGreaterThan(10);
    expect(sources('commands').length).toBeGreaterThan(2);
  });

  it.each([
    ['src', /(^|\/)(adapters|commands)\//],
    ['commands', /(^|\/)adapters\//],
  ])('%s imports no platform SDK and nothing from the layers above it', (dir, above) => {
    const offences: string[] = [];
    for (const file of sources(dir).filter((f) => relative(root, f) !== COMPOSITION_ROOT)) {
      for (const spec of imports(file)) {
        if (PLATFORM.test(spec) || (spec.startsWith('.') && above.test(relative(root, join(file, '..', spec))))) {
          offences.push(`${relative(root, file)} imports ${spec}`);
        }
      }
    }
    expect(offences).toEqual([]);
  });

  it('would catch an offending import', () => {
    expect(PLATFORM.test('discord.js')).toBe(true);
    expect(PLATFORM.test('@slack/bolt')).toBe(true);
    expect(imports(fileURLToPath(new URL('../src/main.ts', import.meta.url)))).toContain('../adapters/console/console.ts');
  });
});
