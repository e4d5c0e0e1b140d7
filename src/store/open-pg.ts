// Opens a PostgreSQL database as the store (open.ts picks it): connects patiently, migrates once however many processes start.
import { setTimeout as sleep } from 'node:timers/promises';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { log } from '../log.ts';
import { projectFile } from '../project-files.ts';
import { failureReason } from './failure.ts';
import { createPgStore } from './pg-store.ts';
import type { Store } from './store.ts';

export async function openPostgres(url: string, schema: string | undefined, connectWithinMs: number): Promise<Store> {
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
    await migrate(drizzle({ client }), { migrationsFolder: projectFile('migrations', 'pg'), migrationsSchema: schema });
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
