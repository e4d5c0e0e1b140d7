// Everything a database holds, per table, as row counts and digests: taken before and after bad input, they must be equal.
import { createHash } from 'node:crypto';
import type { TestDatabase } from '../helpers/databases.ts';

export type Snapshot = Record<string, { rows: number; digest: string }>;

/** Every table of the database, SQLite or PostgreSQL (the test schema), with its row count and a digest of its rows in any order. */
export async function snapshot(db: Pick<TestDatabase, 'query'>, dialect: string): Promise<Snapshot> {
  const tables =
    dialect === 'sqlite'
      ? await db.query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      : await db.query("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name");
  const result: Snapshot = {};
  for (const { name } of tables) {
    // The record of requests received (src/replay.ts) grows with every request, as it must: it is not what they changed.
    if (name === 'replays') continue;
    const rows = (await db.query(`SELECT * FROM "${String(name)}"`)).map((row) => JSON.stringify(row)).sort();
    result[String(name)] = { rows: rows.length, digest: createHash('sha256').update(rows.join('\n')).digest('hex') };
  }
  return result;
}
