import { defineConfig } from 'vitest/config';

// Three projects, one `npm test`:
// - unit: pure code and in-memory fakes, no network;
// - integration: handlers and adapters against one DynamoDB Local and one SQS server per run;
// - infra: CDK synthesis, template assertions and cdk-nag.
// Versions are pinned; the SDK's notice about its future Node 22-only releases is noise in test output.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts', 'tests/scenarios/**/*.test.ts'],
          globalSetup: ['tests/integration/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'infra',
          include: ['tests/infra/**/*.test.ts'],
          testTimeout: 180_000,
        },
      },
    ],
  },
});
