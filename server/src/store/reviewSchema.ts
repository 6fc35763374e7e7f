// Tables of exercise review; drizzle-kit reads this file beside schema.ts (see drizzle.config.ts).
export {};
