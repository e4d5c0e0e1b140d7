// Opens the store that DATABASE_URL names, SQLite (the default, a file) or PostgreSQL, with migrations applied.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle as drizzleSqlite } from 'drizzle-orm/better-sqlite3';
import { migrate as migrateSqlite } from 'drizzle-orm/better-sqlite3/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { log } from '../log.ts';
import { projectFile } from '../project-files.ts';
import { failureReason } from './failure.ts';
import { createPgStore } from './pg-store.ts';
import { createSqliteStore } from './sqlite-store.ts';
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
  return target.dialect === 'sqlite' ? openSqlite(target.path) : openPostgres(target.url, options.schema ?? target.schema, options.connectWithinMs ?? 0);
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

function migrationsFolder(dialect: 'sqlite' | 'pg'): string {
  return projectFile('migrations', dialect);
}

function openSqlite(path: string): Store {
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
    migrateSqlite(drizzleSqlite({ client }), { migrationsFolder: migrationsFolder('sqlite') });
    return createSqliteStore(client);
  } catch (err) {
    client?.close();
    throw new Error(`Cannot open the SQLite database at ${path}: ${failureReason(err)}`, { cause: err });
  }
}

async function openPostgres(url: string, schema: string | undefined, connectWithinMs: number): Promise<Store> {
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) {
    throw new Error(`PostgreSQL schema name "${schema}" must be lower-case letters, digits and underscores`);
  }
  const pool = new pg.Pool({
    connectionString: url,
    connectionTimeoutMillis: 5000,
    options: schema === undefined ? undefined : `-c search_path=${schema}`,
  });
  // An idle pooled connection that dies (server restart) must not crash the process:
  // the pool drops it and the next query connects afresh or fails with its own error.
  pool.on('error', () => {});
  let client: pg.PoolClient;
  const started = Date.now();
  try {
    client = await connectPatiently(pool, url, connectWithinMs);
  } catch (err) {
    await pool.end();
    const tried = connectWithinMs > 0 ? ` (tried for ${Math.round((Date.now() - started) / 1000)} s)` : '';
    throw new Error(`Cannot connect to PostgreSQL at ${describe(url)}${tried}: ${failureReason(err)}`, { cause: err });
  }
  try {
    try {
      await migrateLocked(client, schema);
    } finally {
      // Before pool.end(), which waits for every client to come back.
      client.release();
    }
  } catch (err) {
    await pool.end();
    throw new Error(`Cannot migrate PostgreSQL at ${describe(url)}: ${failureReason(err)}`, { cause: err });
  }
  return createPgStore(pool);
}

/** Connects, trying again while the server is out of reach, until `withinMs` has passed: a database starting alongside the bot is waited for. */
async function connectPatiently(pool: pg.Pool, url: string, withinMs: number): Promise<pg.PoolClient> {
  const deadline = Date.now() + withinMs;
  for (let delay = 500; ; delay = Math.min(delay * 2, 5000)) {
    try {
      return await pool.connect();
    } catch (err) {
      const wait = Math.min(delay, deadline - Date.now());
      if (!outOfReach(err) || wait <= 0) throw err;
      log.warn({ database: describe(url), error: failureReason(err), retryInMs: wait }, 'PostgreSQL cannot be reached yet; trying again');
      await sleep(wait);
    }
  }
}

/** Failures that pass once the server is up; a refused login or a missing database do not. */
function outOfReach(err: unknown): boolean {
  const { code, message } = err as { code?: string; message?: string };
  // 57P03: the database system is starting up; 53300: too many connections.
  const passing = ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', '57P03', '53300'];
  return passing.includes(code ?? '') || /timeout|terminated unexpectedly/i.test(message ?? '');
}

/** Several bot processes may start at once: one migrates, the others wait and find nothing to do. */
async function migrateLocked(client: pg.PoolClient, schema: string | undefined): Promise<void> {
  const lock = `sanctions-bot migrations ${schema ?? ''}`;
  await client.query('SELECT pg_advisory_lock(hashtext($1))', [lock]);
  try {
    if (schema !== undefined) await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await migratePg(drizzlePg({ client }), { migrationsFolder: migrationsFolder('pg'), migrationsSchema: schema });
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', [lock]);
  }
}

/** host:port/database, without user or password. */
function describe(url: string): string {
  try {
    const { hostname, port, pathname } = new URL(url);
    return `${hostname || 'localhost'}:${port || '5432'}${pathname || ''}`;
  } catch {
    return 'the DATABASE_URL (unparseable)';
  }
}
