// A test database as a bot of an earlier version left it: every migration dated before one, and the rows that bot stored.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle as drizzleSqlite } from 'drizzle-orm/better-sqlite3';
import { migrate as migrateSqlite } from 'drizzle-orm/better-sqlite3/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import type { TestDatabase } from './databases.ts';

/**
 * A dialect's migrations dated before `tag`, as a database made before it had them applied (drizzle applies those
 * dated after the last applied: 0007 and 0009, from other work at the time of 0006, are dated before it).
 */
function migrationsBefore(dialect: 'sqlite' | 'pg', tag: string): string {
  const all = fileURLToPath(new URL(`../../migrations/${dialect}`, import.meta.url));
  const folder = mkdtempSync(join(tmpdir(), `migrations-before-${tag}-`));
  mkdirSync(join(folder, 'meta'));
  const journal = JSON.parse(readFileSync(join(all, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string; when: number }[] };
  const when = journal.entries.find((e) => e.tag === tag)!.when;
  journal.entries = journal.entries.filter((e) => e.when < when);
  writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify(journal));
  for (const entry of journal.entries) cpSync(join(all, `${entry.tag}.sql`), join(folder, `${entry.tag}.sql`));
  return folder;
}

/** `db` migrated up to (not including) migration `tag`, holding `rows` (INSERT statements). */
export async function databaseBefore(db: TestDatabase, dialect: string, tag: string, rows: readonly string[]): Promise<void> {
  const folder = migrationsBefore(dialect === 'sqlite' ? 'sqlite' : 'pg', tag);
  try {
    await migrated(db, dialect, folder, rows);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

async function migrated(db: TestDatabase, dialect: string, migrationsFolder: string, rows: readonly string[]): Promise<void> {
  if (dialect === 'sqlite') {
    const path = db.url.slice('file:'.length);
    mkdirSync(dirname(path), { recursive: true });
    const client = new Database(path);
    migrateSqlite(drizzleSqlite({ client }), { migrationsFolder });
    for (const row of rows) client.exec(row);
    client.close();
    return;
  }
  const schema = new URL(db.url).searchParams.get('schema')!;
  const client = new pg.Client({ connectionString: db.url.replace(/\?.*$/, ''), options: `-c search_path=${schema}` });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA "${schema}"`);
    await migratePg(drizzlePg({ client }), { migrationsFolder, migrationsSchema: schema });
    for (const row of rows) await client.query(row);
  } finally {
    await client.end();
  }
}
