// Fresh test databases of each dialect: a SQLite file always, PostgreSQL in its own schema when TEST_DATABASE_URL is set.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/store.ts';

/** A fresh, empty database of one dialect, and a way to look at its raw tables. */
export interface TestDatabase {
  /** Its DATABASE_URL, for a bot process to open the same database. */
  url: string;
  open(): Promise<Store>;
  query(text: string): Promise<Record<string, unknown>[]>;
}

export interface Dialect {
  name: string;
  available: boolean;
  fresh(): TestDatabase;
  cleanup(): Promise<void>;
}

const tempDir = mkdtempSync(join(tmpdir(), 'store-test-'));
let sqliteCount = 0;
export const sqlite: Dialect = {
  name: 'sqlite',
  available: true,
  fresh() {
    const path = join(tempDir, `db-${++sqliteCount}`, 'store.db');
    // DATABASE_URL names a file in an existing directory only.
    mkdirSync(dirname(path));
    return {
      url: `file:${path}`,
      open: () => openStore(`file:${path}`),
      async query(text) {
        const db = new Database(path, { readonly: true });
        try {
          return db.prepare(text).all() as Record<string, unknown>[];
        } finally {
          db.close();
        }
      },
    };
  },
  async cleanup() {
    rmSync(tempDir, { recursive: true, force: true });
  },
};

const pgUrl = process.env.TEST_DATABASE_URL;
const pgSchemas: string[] = [];
export const postgres: Dialect = {
  name: 'postgres',
  available: Boolean(pgUrl),
  fresh() {
    const schema = `test_store_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    pgSchemas.push(schema);
    const url = new URL(pgUrl!);
    url.searchParams.set('schema', schema);
    return {
      url: url.href,
      open: () => openStore(url.href),
      query: (text) => withPg(async (client) => (await client.query(text)).rows, schema),
    };
  },
  async cleanup() {
    await withPg(async (client) => {
      for (const schema of pgSchemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    });
  },
};

async function withPg<T>(use: (client: pg.Client) => Promise<T>, schema?: string): Promise<T> {
  const client = new pg.Client({ connectionString: pgUrl, options: schema && `-c search_path=${schema}` });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}


/** The dialects to run a suite on here: SQLite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const dialects = [sqlite, postgres];

/** `url` with a password for its user: its own when it has one, else one a server that trusts the user ignores. */
export function withPassword(url: string, fallback = 'pg-pass-do-not-log-7d1e'): { url: string; password: string } {
  const u = new URL(url);
  if (!u.password) u.password = fallback;
  return { url: u.href, password: decodeURIComponent(u.password) };
}
