import { defineConfig } from 'vitest/config';

// Three projects, one `npm test`:
// - unit: pure code and in-memory fakes, no network;
// - integration: handlers and adapters against one DynamoDB Local and one SQS server per run;
// - infra: CDK synthesis, template assertions and cdk-nag.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts', 'tests/scenarios/**/*.test.ts'],
          globalSetup: ['tests/integration/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'infra',
          include: ['tests/infra/**/*.test.ts'],
          testTimeout: 180_000,
        },
      },
    ],
  },
});
