// A saved copy of the name index in a file, so that a command-line call starts without rebuilding it; valid for one state of the lists and one build of the code.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { log } from '../log.ts';
import { parseDatabaseUrl } from '../store/open.ts';
import type { ListVersion } from '../store/store.ts';
import type { Entity } from './model.ts';
import type { NameIndex } from './name-index.ts';

/** The code running: src/ (or its build in dist/src/), whatever of it tokenizes, groups or lays out the index. */
const CODE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');

let codeHash: string | undefined;

/** The content of every module of the running code: another build (a changed tokenizer or index layout, however dated) never reads an old file. */
function codeVersion(): string {
  if (codeHash === undefined) {
    const hash = createHash('sha256');
    for (const file of readdirSync(CODE_DIR, { recursive: true, encoding: 'utf8' }).filter((f) => /\.[jt]s$/.test(f)).sort()) {
      hash.update(`${file}\n`).update(readFileSync(join(CODE_DIR, file)));
    }
    codeHash = hash.digest('hex');
  }
  return codeHash;
}

/**
 * What the index is built from: each list version as imported (a database made again from the same files dates
 * designations otherwise), the code, and Node's version (its Unicode tables normalise and split the names).
 */
function snapshotKey(versions: readonly ListVersion[]): string {
  return [...versions.map((v) => `${v.id}:${v.contentHash}:${v.importedAt}`), codeVersion(), `node ${process.version}`].join('\n');
}

/**
 * The entities are kept as one JSON text each: a file of texts reads many times faster than one of ~16,000 nested
 * objects, and a command that reads a few of them parses only those.
 */
interface Snapshot {
  key: string;
  index: Omit<NameIndex, 'scratch' | 'entities'>;
  entities: string[];
}

/**
 * Entities parsed from their JSON when first read. A search reads the few hundred it scores; an array proxy keeps
 * `entities[i]`, `length`, iteration and the array methods as they are.
 */
function entitiesOnDemand(json: readonly string[]): Entity[] {
  const isIndex = (key: string | symbol): key is string => typeof key === 'string' && Number(key) < json.length && /^(0|[1-9]\d*)$/.test(key);
  const entity = (target: Entity[], key: string) => (target[Number(key)] ??= JSON.parse(json[Number(key)]!) as Entity);
  return new Proxy(new Array<Entity>(json.length), {
    get: (target, key, receiver) => (isIndex(key) ? entity(target, key) : Reflect.get(target, key, receiver)),
    has: (target, key) => isIndex(key) || Reflect.has(target, key),
    getOwnPropertyDescriptor: (target, key) =>
      isIndex(key) ? { value: entity(target, key), writable: true, enumerable: true, configurable: true } : Reflect.getOwnPropertyDescriptor(target, key),
  });
}

function read(file: string, key: string, onDemand: boolean): NameIndex | undefined {
  try {
    const snapshot = deserialize(readFileSync(file)) as Snapshot;
    if (snapshot.key !== key) return undefined;
    const entities = onDemand ? entitiesOnDemand(snapshot.entities) : snapshot.entities.map((json) => JSON.parse(json) as Entity);
    return { ...snapshot.index, entities, scratch: new Float32Array(snapshot.index.nameEntity.length) };
  } catch {
    // Missing, cut short or from another version of Node: built again.
    return undefined;
  }
}

function write(file: string, key: string, { scratch: _, entities, ...index }: NameIndex): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, serialize({ key, index, entities: entities.map((e) => JSON.stringify(e)) } satisfies Snapshot));
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

export interface SnapshotOptions {
  /** Entities parsed as they are first read (a one-off command reads few), not all at once. */
  onDemand?: boolean;
}

/** The index the snapshot in `file` holds for these list versions, else `build()`'s, saved there for next time. */
export async function snapshotIndex(file: string, versions: readonly ListVersion[], build: () => Promise<NameIndex>, options: SnapshotOptions = {}): Promise<NameIndex> {
  const key = snapshotKey(versions);
  const saved = read(file, key, options.onDemand ?? false);
  if (saved) return saved;
  const index = await build();
  write(file, key, index);
  return index;
}
