import { defineConfig } from "drizzle-kit";

/** PostgreSQL's migrations (`npm run db:generate:pg -- --name <snake_name>`), from the mirror in src/db/pg-schema/. */
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/db/pg-schema/index.ts",
  out: "./migrations-pg",
});
