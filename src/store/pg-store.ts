// The Store on PostgreSQL: the shared SQL run on a pg pool.
import { type SQL, type Table, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import * as tables from './schema-pg.ts';
import { createSqlStore } from './sql-store.ts';
import { type Write, batchStatement, isRowBatch } from './sql.ts';
import type { Store } from './store.ts';

export function createPgStore(pool: pg.Pool): Store {
  const db = drizzle({ client: pool });
  return createSqlStore({
    dialect: 'postgres',
    tables,
    async all<T>(query: SQL) {
      return (await db.execute(query)).rows as T[];
    },
    async run(query: SQL) {
      return (await db.execute(query)).rowCount ?? 0;
    },
    async transaction<T>(read: SQL, writes: (rows: T[]) => Iterable<Write>, lock?: Table) {
      await db.transaction(async (tx) => {
        // Against other writers only (plain reads go on), and before `read`, so that it sees what they committed.
        if (lock) await tx.execute(sql`LOCK TABLE ${lock} IN SHARE ROW EXCLUSIVE MODE`);
        const { rows } = await tx.execute(read);
        for (const write of writes(rows as T[])) await tx.execute(isRowBatch(write) ? batchStatement(write) : write);
      });
    },
    close: () => pool.end(),
  });
}
