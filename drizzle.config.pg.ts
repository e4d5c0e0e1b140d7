// drizzle-kit config for the PostgreSQL migrations: `drizzle-kit generate --config drizzle.config.pg.ts`.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/store/schema-pg.ts',
  out: './migrations/pg',
});
