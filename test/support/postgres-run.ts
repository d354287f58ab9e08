import { randomUUID } from "node:crypto";
import { PostgresDatabase } from "../../src/db/postgres/postgres-database.js";

/**
 * vitest's global setup for `npm run test:pg`: names this run, so its workers' schemas share a
 * prefix, and drops them all when the run ends.
 */
export default function setup(): () => void {
  const run = randomUUID().replaceAll("-", "").slice(0, 8);
  process.env.USHER_TEST_RUN = run;
  return () => {
    const url = process.env.USHER_TEST_POSTGRES_URL;
    if (!url) return;
    const admin = new PostgresDatabase(url);
    try {
      const schemas = admin
        .prepare("select nspname from pg_namespace where nspname like ?")
        .pluck()
        .all(`usher\\_${run}\\_%`) as string[];
      for (const schema of schemas) admin.native(`drop schema "${schema}" cascade`);
    } finally {
      admin.close();
    }
  };
}
