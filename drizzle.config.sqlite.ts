// drizzle-kit config for the SQLite migrations: `drizzle-kit generate --config drizzle.config.sqlite.ts`.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './src/store/schema-sqlite.ts',
  out: './migrations/sqlite',
});
