import { beforeAll, describe, expect, it } from 'vitest';
import { logicalIdOf, synthRetain, SYNTH_TIMEOUT_MS, type Synthesized } from './support/synth-retain.js';

describe('the stack outputs', () => {
  let real: Synthesized;

  // Arrange + Act once per file; each test asserts one behaviour.
  beforeAll(() => {
    real = synthRetain({ bundle: false });
  }, SYNTH_TIMEOUT_MS);

  const outputs = () => real.template.toJSON()['Outputs'] as Record<string, { Value: unknown }>;

  it('give the HTTP API URL', () => {
    expect(JSON.stringify(outputs()['HttpApiUrl']!.Value)).toContain(logicalIdOf(real.stack.httpApi.api));
  });

  it('give the table name', () => {
    expect(outputs()['TableName']!.Value).toEqual({ Ref: logicalIdOf(real.stack.table) });
  });

  it('give the workspace secret ARN and name', () => {
    expect(outputs()['WorkspaceSecretsArn']!.Value).toEqual({ Ref: logicalIdOf(real.stack.workspaceSecrets.secret) });
    expect(outputs()['WorkspaceSecretsName']).toBeDefined();
  });
});
