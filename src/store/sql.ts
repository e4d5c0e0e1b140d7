// Dialect-neutral SQL builders: statements that SQLite and PostgreSQL both accept, over drizzle table objects.
import { and, eq, getTableColumns, getTableName, sql, type Column, type SQL, type Table } from 'drizzle-orm';
import type * as pgSchema from './schema-pg.ts';
import type * as sqliteSchema from './schema-sqlite.ts';

/** One dialect's table objects: both schemas declare the same tables and columns, so either renders the same SQL. */
export type Tables = typeof sqliteSchema | typeof pgSchema;

/** Rows per multi-row statement: well under SQLite's and PostgreSQL's bound-parameter limits. */
export const ROWS_PER_STATEMENT = 500;

export function* chunks<T>(items: readonly T[], size = ROWS_PER_STATEMENT): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/** `SELECT` of every column of `table`, each named by its property so rows come back camelCased. */
export function selectAll(table: Table): SQL {
  return selectColumns(table, getTableColumns(table));
}

/** `SELECT` of some of `table`'s columns, by property name, as `selectAll`. */
export function selectColumns(table: Table, columns: Record<string, Column>): SQL {
  const named = Object.entries(columns).map(([key, column]) => sql`${column} AS ${sql.identifier(key)}`);
  return sql`SELECT ${sql.join(named, sql`, `)} FROM ${table}`;
}

/** `RETURNING` every column of `table`, each named by its property (as `selectAll`). */
export function returningAll(table: Table): SQL {
  const columns = Object.entries(getTableColumns(table)).map(([key, column]) => sql`${sql.identifier(column.name)} AS ${sql.identifier(key)}`);
  return sql` RETURNING ${sql.join(columns, sql`, `)}`;
}

/** `UPDATE table SET ...` from an object of property names to values (undefined ones left out). */
export function setColumns(table: Table, patch: Record<string, unknown>): SQL {
  const sets = Object.entries(patch)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => sql`${sql.identifier(columnOf(table, key).name)} = ${value}`);
  return sql`UPDATE ${table} SET ${sql.join(sets, sql`, `)}`;
}

/** One multi-row `INSERT` of rows that all have the same keys (table property names). */
export function insertRows<T extends Table>(table: T, rows: readonly T['$inferInsert'][]): SQL {
  const keys = Object.keys(rows[0] ?? {});
  const names = sql.join(keys.map((key) => sql.identifier(columnOf(table, key).name)), sql`, `);
  // drizzle renders a plain array as a parenthesised list of parameters: one row's tuple, cheaply.
  const values = rows.map((row: Record<string, unknown>) => keys.map((key) => row[key]));
  return sql`INSERT INTO ${table} (${names}) VALUES ${sql.join(values, sql`, `)}`;
}

/**
 * Rows for one table, all with the same keys, inserted (with `key`, upserted on it): what a list version writes by the
 * ten thousand. A driver writes them as it writes many rows fastest (`batchStatement`, or its own prepared statement).
 */
export interface RowBatch {
  table: Table;
  rows: readonly object[];
  key?: Column | Column[];
}

/** What a transaction runs: a statement, or a batch of rows. */
export type Write = SQL | RowBatch;

export const isRowBatch = (write: Write): write is RowBatch => 'rows' in write;

/** A batch as one multi-row statement; its parameters are `batchParameters`, in that order. */
export function batchStatement({ table, rows, key }: RowBatch): SQL {
  return key ? upsertRows(table, key, rows) : insertRows(table, rows);
}

/** A batch's values, row by row, each in its first row's key order: the parameters of `batchStatement`. */
export function batchParameters({ rows }: RowBatch): unknown[] {
  const keys = Object.keys(rows[0] ?? {});
  return rows.flatMap((row) => keys.map((key) => (row as Record<string, unknown>)[key]));
}

/** `insertRows`, replacing every other column of a row whose key (one column, or several together) already exists. */
export function upsertRows<T extends Table>(table: T, key: Column | Column[], rows: readonly T['$inferInsert'][]): SQL {
  const keys = Array.isArray(key) ? key : [key];
  const updated = Object.keys(rows[0] ?? {})
    .map((k) => columnName(columnOf(table, k)))
    .filter((name) => !keys.some((c) => c.name === name.value))
    .map((name) => sql`${name} = excluded.${name}`);
  return sql`${insertRows(table, rows)} ON CONFLICT (${sql.join(keys.map(columnName), sql`, `)}) DO UPDATE SET ${sql.join(updated, sql`, `)}`;
}

/** A column by its bare name, as `INSERT ... ON CONFLICT` and `excluded.` want it. */
export function columnName(column: Column): ReturnType<typeof sql.identifier> {
  return sql.identifier(column.name);
}

/** ` WHERE condition`, or nothing when there is none. */
export function whereClause(condition: SQL | undefined): SQL {
  return condition ? sql` WHERE ${condition}` : sql``;
}

/** The rows of one channel of a table keyed by platform and channel, or every row when no channel is given. */
export function ofChannel(table: { platform: Column; channelId: Column }, channel?: { platform: string; channelId: string }): SQL | undefined {
  return channel ? and(eq(table.platform, channel.platform), eq(table.channelId, channel.channelId)) : undefined;
}

function columnOf(table: Table, key: string): Column {
  const column = getTableColumns(table)[key];
  if (!column) throw new Error(`no column ${key} in table ${getTableName(table)}`);
  return column;
}
