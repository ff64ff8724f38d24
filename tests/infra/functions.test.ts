import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ESM_REQUIRE_BANNER } from '../../infra/constructs/retain-function.js';
import { ENV, FUNCTIONS, QUEUES, type FunctionDefinition } from '../../infra/resources.js';
import { logicalIdOf, synthRetain, SYNTH_TIMEOUT_MS, type Synthesized } from './support/synth-retain.js';

const definitions = Object.entries(FUNCTIONS) as Array<[string, FunctionDefinition]>;

describe('the functions', () => {
  let real: Synthesized;

  // Arrange + Act once per file, with real esbuild bundling; each test asserts one behaviour.
  beforeAll(() => {
    real = synthRetain();
  }, SYNTH_TIMEOUT_MS);

  const functionResource = (key: string) => real.template.toJSON()['Resources'][logicalIdOf(real.stack.functions[key]!.function)];
  const environmentOf = (key: string): Record<string, unknown> => functionResource(key).Properties.Environment.Variables;

  it('are one Lambda function per definition', () => {
    expect(Object.keys(real.template.findResources('AWS::Lambda::Function'))).toHaveLength(definitions.length);
  });

  it.each(definitions)('%s runs nodejs22.x on arm64', (key) => {
    expect(functionResource(key).Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'] });
  });

  it.each(definitions)('%s has the memory and timeout of its definition', (key, definition) => {
    expect(functionResource(key).Properties).toMatchObject({ MemorySize: definition.memorySize, Timeout: definition.timeoutSeconds });
  });

  it.each(definitions)('%s gets the table name and the workspace secret id', (key) => {
    expect(environmentOf(key)).toMatchObject({
      [ENV.tableName]: { Ref: logicalIdOf(real.stack.table) },
      [ENV.secretsName]: { Ref: logicalIdOf(real.stack.workspaceSecrets.secret) },
    });
  });

  it.each(definitions)('%s gets the URLs of exactly the queues it sends to or consumes', (key, definition) => {
    const expected = new Set<string>([...(definition.sendsTo ?? []), ...(definition.queue ? [definition.queue.queue] : []), ...(definition.redrives ?? [])]);

    const urls = Object.entries(QUEUES).filter(([queueKey]) => expected.has(queueKey));
    const absent = Object.entries(QUEUES).filter(([queueKey]) => !expected.has(queueKey));

    for (const [queueKey, queue] of urls) expect(environmentOf(key)[queue.urlEnv]).toEqual({ Ref: logicalIdOf(real.stack.queues[queueKey]!.queue) });
    for (const [, queue] of absent) expect(environmentOf(key)).not.toHaveProperty(queue.urlEnv);
  });

  it.each(definitions)('%s gets the DLQ URLs of exactly the queues it dead-letters to or redrives', (key, definition) => {
    const expected = new Set<string>([...(definition.deadLettersTo ?? []), ...(definition.redrives ?? [])]);
    const withDlqUrl = Object.entries(QUEUES).filter((entry): entry is [string, (typeof entry)[1] & { deadLetterUrlEnv: string }] => 'deadLetterUrlEnv' in entry[1]);

    for (const [queueKey, queue] of withDlqUrl) {
      if (expected.has(queueKey)) expect(environmentOf(key)[queue.deadLetterUrlEnv]).toEqual({ Ref: logicalIdOf(real.stack.queues[queueKey]!.deadLetterQueue) });
      else expect(environmentOf(key)).not.toHaveProperty(queue.deadLetterUrlEnv);
    }
  });

  it('gives ingest the ingest-retry queue URL', () => {
    expect(environmentOf('ingest')[QUEUES.ingestRetry.urlEnv]).toEqual({ Ref: logicalIdOf(real.stack.queues['ingestRetry']!.queue) });
  });

  it.each(definitions)('%s maps stack traces through source maps and logs under its own service name', (key) => {
    expect(environmentOf(key)).toMatchObject({ NODE_OPTIONS: '--enable-source-maps', POWERTOOLS_SERVICE_NAME: expect.stringMatching(/^[a-z-]+$/) });
  });

  it.each(definitions)('%s logs to its own log group, which expires', (key) => {
    const logGroup = real.stack.functions[key]!.logGroup;

    expect(functionResource(key).Properties.LoggingConfig).toEqual({ LogGroup: { Ref: logicalIdOf(logGroup) } });
    expect(real.template.toJSON()['Resources'][logicalIdOf(logGroup)].Properties.RetentionInDays).toBeGreaterThan(0);
  });

  describe.each(definitions)('the %s bundle', (key) => {
    const bundleOf = () => {
      // The code's S3 key is `<asset hash>.zip`; the assembly stages the bundle in `asset.<hash>/`.
      const hash = (functionResource(key).Properties.Code.S3Key as string).replace(/\.zip$/, '');
      return join(real.outdir, `asset.${hash}`, 'index.mjs');
    };

    it('is an ES module with a source map', () => {
      expect(functionResource(key).Properties.Handler).toBe('index.handler');
      expect(existsSync(bundleOf())).toBe(true);
      expect(existsSync(`${bundleOf()}.map`)).toBe(true);
    });

    it('starts with the createRequire banner, so CommonJS dependencies can require', () => {
      expect(readFileSync(bundleOf(), 'utf8').startsWith(ESM_REQUIRE_BANNER)).toBe(true);
    });

    it('loads in Node and exports a handler function', () => {
      // A child process: the bundle must load as Lambda loads it, not through the test runner.
      const script = `const m = await import(${JSON.stringify(bundleOf())}); process.stdout.write(typeof m.handler);`;

      const exported = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });

      expect(exported).toBe('function');
    });
  });
});
