// The Store on SQLite: the shared SQL run on a better-sqlite3 connection (synchronous, so transactions are too).
import type Database from 'better-sqlite3';
import type { SQL } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import * as tables from './schema-sqlite.ts';
import { createSqlStore } from './sql-store.ts';
import type { Store } from './store.ts';

export function createSqliteStore(client: Database.Database): Store {
  const db = drizzle({ client });
  return createSqlStore({
    dialect: 'sqlite',
    tables,
    async all<T>(query: SQL) {
      return db.all<T>(query);
    },
    async run(query: SQL) {
      return db.run(query).changes;
    },
    // No `lock` needed: an immediate transaction holds the write lock on the whole database.
    async transaction<T>(read: SQL, writes: (rows: T[]) => Iterable<SQL>) {
      // Immediate: take the write lock before the read, so no other process writes in between.
      db.transaction(
        (tx) => {
          for (const statement of writes(tx.all<T>(read))) tx.run(statement);
        },
        { behavior: 'immediate' },
      );
    },
    async close() {
      client.close();
    },
  });
}
