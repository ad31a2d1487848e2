/**
 * The in-process API tests that pin the security checks at the HTTP edge, for
 * mutation testing (stryker.security.config.mjs).
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'test/roles.test.ts',
      'test/api.test.ts',
      'test/revocation.test.ts',
      'test/hardening-api.test.ts',
      'test/receipts.test.ts',
      'test/security-edge.test.ts',
    ],
    // Not the tests that run the command line: it runs the built dist/, never a mutant
    // (and in Stryker's sandbox dist/ is older than src/, which they refuse).
    testNamePattern: /^(?!.*command line)/,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
