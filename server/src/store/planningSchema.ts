// Tables of exercise planning; drizzle-kit reads this file beside schema.ts (see drizzle.config.ts).
export {};
