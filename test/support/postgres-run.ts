import { PostgresDatabase } from "../../src/db/postgres/postgres-database.js";

/**
 * vitest's global setup for `npm run test:pg:suite`: when the run ends, drops every schema its
 * workers made (named after the run by vitest.pg-suite.config.ts).
 */
export default function setup(): () => void {
  const run = process.env.USHER_TEST_RUN;
  return () => {
    const url = process.env.USHER_TEST_POSTGRES_URL;
    if (!url || !run) return;
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
