import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENV } from '../../infra/resources.js';
import { logicalIdOf, resourcesOf, statementsOfFunction, synthRetain, SYNTH_TIMEOUT_MS, type Synthesized } from './support/synth-retain.js';

describe('the workspace secret, created by the stack', () => {
  let real: Synthesized;

  // Arrange + Act once per describe; each test asserts one behaviour.
  beforeAll(() => {
    real = synthRetain({ bundle: false });
  }, SYNTH_TIMEOUT_MS);

  it('starts as an empty workspace secrets document, generated, never written in the template', () => {
    real.template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: { SecretStringTemplate: JSON.stringify({ workspaces: {} }), GenerateStringKey: 'placeholder' },
      SecretString: Match.absent(),
    });
  });

  it('is kept when the stack goes', () => {
    real.template.hasResource('AWS::SecretsManager::Secret', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  it('reaches the functions as its full ARN', () => {
    const variables = real.template.toJSON()['Resources'][logicalIdOf(real.stack.functions['api']!.function)].Properties.Environment.Variables;

    // Ref of a secret is its ARN.
    expect(variables[ENV.secretsName]).toEqual({ Ref: logicalIdOf(real.stack.workspaceSecrets.secret) });
  });
});

describe('the workspace secret, imported by name', () => {
  const secretName = 'retain/workspaces';

  describe('from a stack prop', () => {
    let imported: Synthesized;

    beforeAll(() => {
      imported = synthRetain({ secretName, bundle: false });
    }, SYNTH_TIMEOUT_MS);

    it('is not created', () => {
      imported.template.resourceCountIs('AWS::SecretsManager::Secret', 0);
    });

    it('reaches the functions by name', () => {
      const variables = imported.template.toJSON()['Resources'][logicalIdOf(imported.stack.functions['ingest']!.function)].Properties.Environment.Variables;

      expect(variables[ENV.secretsName]).toBe(secretName);
    });

    it('is readable through the <name>-?????? ARN of that one secret', () => {
      const resources = statementsOfFunction(imported, 'ingest')
        .filter((statement) => [statement.Action].flat().includes('secretsmanager:GetSecretValue'))
        .flatMap(resourcesOf);

      expect(JSON.stringify(resources)).toMatch(/:secret:retain\/workspaces-\?\?\?\?\?\?"/);
    });
  });

  describe('from the secretName context value', () => {
    let fromContext: Synthesized;

    beforeAll(() => {
      fromContext = synthRetain({ context: { secretName }, bundle: false });
    }, SYNTH_TIMEOUT_MS);

    it('is used instead of a new one', () => {
      fromContext.template.resourceCountIs('AWS::SecretsManager::Secret', 0);
      expect(fromContext.stack.workspaceSecrets.secretId).toBe(secretName);
    });
  });
});
