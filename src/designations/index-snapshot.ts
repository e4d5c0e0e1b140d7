// A saved copy of the name index in a file, so that a command-line call starts without rebuilding it; valid for one state of the lists and one build of the code.
import { readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { log } from '../log.ts';
import { parseDatabaseUrl } from '../store/open.ts';
import type { ListVersion } from '../store/store.ts';
import type { NameIndex } from './name-index.ts';

const CODE_DIR = dirname(fileURLToPath(import.meta.url));

/**
 * What the index is built from: each list version as imported (a database made again from the same files dates
 * designations otherwise), and this directory's code (a changed tokenizer or index layout never reads an old file).
 */
function snapshotKey(versions: readonly ListVersion[]): string {
  const code = readdirSync(CODE_DIR)
    .sort()
    .map((file) => {
      const { size, mtimeMs } = statSync(join(CODE_DIR, file));
      return `${file}:${size}:${mtimeMs}`;
    });
  return [...versions.map((v) => `${v.id}:${v.contentHash}:${v.importedAt}`), ...code].join('\n');
}

interface Snapshot {
  key: string;
  index: Omit<NameIndex, 'scratch'>;
}

function read(file: string, key: string): NameIndex | undefined {
  try {
    const snapshot = deserialize(readFileSync(file)) as Snapshot;
    if (snapshot.key !== key) return undefined;
    return { ...snapshot.index, scratch: new Float32Array(snapshot.index.nameEntity.length) };
  } catch {
    // Missing, cut short or from another version of Node: built again.
    return undefined;
  }
}

function write(file: string, key: string, { scratch: _, ...index }: NameIndex): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, serialize({ key, index } satisfies Snapshot));
    // Renamed into place: a reader never sees half a file.
    renameSync(temporary, file);
  } catch (err) {
    rmSync(temporary, { force: true });
    log.debug({ err, file }, 'could not save the name index snapshot');
  }
}

/** Beside a SQLite file (`data/sanctions.db-index`); none for PostgreSQL, whose bot processes keep their index loaded. */
export function snapshotFileFor(databaseUrl: string | undefined): string | undefined {
  const target = parseDatabaseUrl(databaseUrl);
  return target.dialect === 'sqlite' && target.path !== ':memory:' ? `${target.path}-index` : undefined;
}

/** The index the snapshot in `file` holds for these list versions, else `build()`'s, saved there for next time. */
export async function snapshotIndex(file: string, versions: readonly ListVersion[], build: () => Promise<NameIndex>): Promise<NameIndex> {
  const key = snapshotKey(versions);
  const saved = read(file, key);
  if (saved) return saved;
  const index = await build();
  write(file, key, index);
  return index;
}
