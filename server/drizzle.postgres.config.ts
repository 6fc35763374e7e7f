import { defineConfig } from 'drizzle-kit';

// The PostgreSQL twin of drizzle.config.ts (SQLite): its own schema files and migrations folder.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/store/postgres/schema.ts', './src/store/postgres/planningSchema.ts', './src/store/postgres/reviewSchema.ts', './src/store/postgres/programmeSchema.ts', './src/store/postgres/studioSchema.ts'],
  out: './drizzle-postgres',
});
