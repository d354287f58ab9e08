import { defineConfig } from "vitest/config";

/** The browser suite (`npm run test:browser`): the playground driven in Debian's Chromium; not part of `npm test`. */
export default defineConfig({
  test: {
    include: ["test/browser/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 90_000,
    // One Usher process and one Chromium at a time: the machine's two cores are shared.
    fileParallelism: false,
  },
});
