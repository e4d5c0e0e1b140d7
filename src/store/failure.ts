// Why a database operation failed, in one line a user can act on: not the SQL statement drizzle wraps the failure in.

export function failureReason(err: unknown): string {
  const { message, code, cause } = err as { message?: string; code?: string; cause?: unknown };
  // drizzle wraps a failed statement's error, whose message then is the statement itself.
  if (cause instanceof Error && /^Failed (query|to run the query)/.test(message ?? '')) return failureReason(cause);
  if (code === 'ECONNREFUSED') return 'connection refused (is PostgreSQL running and listening there?)';
  if (code === 'ENOTFOUND') return 'unknown host';
  if (code === 'SQLITE_FULL') return 'the database or its disk is full (SQLITE_FULL)';
  // PostgreSQL's disk_full.
  if (code === '53100') return `the database's disk is full (${message})`;
  return message || code || String(err);
}
