// The Store on SQLite: the shared SQL run on a better-sqlite3 connection (synchronous, so transactions are too).
import type Database from 'better-sqlite3';
import { type SQL, getTableName } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import * as tables from './schema-sqlite.ts';
import { type RowBatch, type Write, batchParameters, batchStatement, isRowBatch } from './sql.ts';
import { createSqlStore } from './sql-store.ts';
import type { Store } from './store.ts';

export function createSqliteStore(client: Database.Database): Store {
  const db = drizzle({ client });
  // A batch's statement is made (and prepared) once for its table, columns and row count, then run with each batch's
  // values: building a 500-row statement through drizzle's SQL objects cost more than SQLite's writing it.
  const dialect = new SQLiteSyncDialect();
  const prepared = new Map<string, Database.Statement>();
  const runBatch = (batch: RowBatch) => {
    const key = [batch.key ?? []].flat().map((column) => column.name);
    const shape = JSON.stringify([getTableName(batch.table), Object.keys(batch.rows[0] ?? {}), batch.rows.length, key]);
    let statement = prepared.get(shape);
    if (!statement) {
      // A few shapes recur (full batches, each table's last one): a long-running process keeps no more than these.
      if (prepared.size >= 64) prepared.clear();
      prepared.set(shape, (statement = client.prepare(dialect.sqlToQuery(batchStatement(batch)).sql)));
    }
    statement.run(batchParameters(batch));
  };
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
    async transaction<T>(read: SQL, writes: (rows: T[]) => Iterable<Write>) {
      // Immediate: take the write lock before the read, so no other process writes in between.
      db.transaction(
        (tx) => {
          for (const write of writes(tx.all<T>(read))) {
            if (isRowBatch(write)) runBatch(write);
            else tx.run(write);
          }
        },
        { behavior: 'immediate' },
      );
    },
    async close() {
      client.close();
    },
  });
}
