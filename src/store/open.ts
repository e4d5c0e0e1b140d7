// Opens the store that DATABASE_URL names, SQLite (the default, a file) or PostgreSQL, with migrations applied.
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Store } from './store.ts';

export const DEFAULT_SQLITE_PATH = './data/sanctions.db';

export interface OpenOptions {
  /**
   * PostgreSQL only (ignored for SQLite): keep every table, and drizzle's migration journal,
   * in this schema, created if missing. Lets test runs share one server without meeting.
   */
  schema?: string;
  /**
   * PostgreSQL only: while the server cannot be reached (refused, host unknown yet, starting up), keep trying for
   * this long, logging each failure and waiting longer each time. Default 0: one try.
   */
  connectWithinMs?: number;
}

/** A PostgreSQL URL may name the schema to use, `postgres://…/db?schema=name`: processes given one URL share one schema. */
export type DatabaseTarget = { dialect: 'sqlite'; path: string } | { dialect: 'postgres'; url: string; schema?: string };

export async function openStore(url?: string, options: OpenOptions = {}): Promise<Store> {
  const target = parseDatabaseUrl(url);
  // Each dialect's driver is loaded when it is the one named: a SQLite command line never pays for pg's.
  if (target.dialect === 'sqlite') return (await import('./open-sqlite.ts')).openSqlite(target.path);
  return (await import('./open-pg.ts')).openPostgres(target.url, options.schema ?? target.schema, options.connectWithinMs ?? 0);
}

/** What DATABASE_URL names, or a clear error: lets start-up check it before opening (or creating) anything. */
export function parseDatabaseUrl(url: string | undefined): DatabaseTarget {
  if (!url) return { dialect: 'sqlite', path: DEFAULT_SQLITE_PATH };
  if (/^postgres(ql)?:\/\//i.test(url)) {
    const schema = URL.canParse(url) ? new URL(url).searchParams.get('schema') : null;
    return schema ? { dialect: 'postgres', url, schema } : { dialect: 'postgres', url };
  }
  if (/^file:\/\//i.test(url)) return sqliteFile(fileURLToPath(url));
  if (/^file:/i.test(url)) return sqliteFile(url.slice('file:'.length));
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1];
  // Only the scheme is echoed: the rest of a URL may hold a password.
  if (scheme !== undefined) throw new Error(`DATABASE_URL has an unsupported scheme "${scheme}:". ${EXPECTED_URL}`);
  // A bare word (a typo, a setting meant for another program) must not become a database file of that name.
  if (!SQLITE_FILE.test(url)) throw new Error(`DATABASE_URL is neither a PostgreSQL URL nor a SQLite file. ${EXPECTED_URL}`);
  return sqliteFile(url);
}

const EXPECTED_URL =
  `Expected a postgres:// or postgresql:// URL for PostgreSQL, or for SQLite a path ending .db, .sqlite or .sqlite3 ` +
  `or a file: URL, in a directory that exists (unset: ${DEFAULT_SQLITE_PATH}).`;
const SQLITE_FILE = /\.(db|sqlite3?)$/i;

/** A SQLite file named explicitly: its directory must exist already, never created for a mistyped path. */
function sqliteFile(path: string): DatabaseTarget {
  const directory = dirname(resolve(path));
  if (!path || !existsSync(directory) || !statSync(directory).isDirectory()) {
    throw new Error(`DATABASE_URL names a SQLite file in ${directory}, which is not an existing directory. ${EXPECTED_URL}`);
  }
  return { dialect: 'sqlite', path };
}
