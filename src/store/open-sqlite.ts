// Opens a SQLite file as the store (open.ts picks it), with its migrations applied.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { projectFile } from '../project-files.ts';
import { failureReason } from './failure.ts';
import { DEFAULT_SQLITE_PATH } from './open.ts';
import { createSqliteStore } from './sqlite-store.ts';
import type { Store } from './store.ts';

export function openSqlite(path: string): Store {
  let client: Database.Database | undefined;
  try {
    // Only the default's directory is made; an explicit path's must exist (parseDatabaseUrl).
    if (path === DEFAULT_SQLITE_PATH) mkdirSync(dirname(path), { recursive: true });
    client = new Database(path);
    client.pragma('journal_mode = WAL');
    // WAL makes NORMAL durable enough: a power cut may lose the last commits, never corrupt.
    client.pragma('synchronous = NORMAL');
    client.pragma('busy_timeout = 5000');
    client.pragma('foreign_keys = ON');
    migrate(drizzle({ client }), { migrationsFolder: projectFile('migrations', 'sqlite') });
    return createSqliteStore(client);
  } catch (err) {
    client?.close();
    throw new Error(`Cannot open the SQLite database at ${path}: ${failureReason(err)}`, { cause: err });
  }
}
