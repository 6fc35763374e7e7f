import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: ['./src/store/schema.ts', './src/store/planningSchema.ts', './src/store/reviewSchema.ts', './src/store/programmeSchema.ts', './src/store/studioSchema.ts'],
  out: './drizzle',
});
