import { z } from 'zod';
import { ENV, QUEUES, type QueueKey } from '../../infra/resources.js';
import { SecretsManagerWorkspaceSecrets } from '../../lib/secrets/secrets-manager-workspace-secrets.js';
import { systemClock } from '../../lib/time/clock.js';
import { Runtime, queueKeys } from './runtime.js';

export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

const EnvSchema = z.object({
  [ENV.tableName]: z.string().min(1),
  [ENV.secretsName]: z.string().min(1),
  [ENV.eventRetentionDays]: z.coerce.number().int().positive().default(400),
});

/** The runtime of a deployed Lambda function: names from the environment the CDK stack sets. */
export const runtimeFromEnv = (env: NodeJS.ProcessEnv = process.env): Runtime => {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) throw new ConfigurationError(`environment: ${parsed.error.message}`, { cause: parsed.error });
  const queueUrls = Object.fromEntries(queueKeys.map((key) => [key, env[QUEUES[key].urlEnv] ?? ''])) as Record<QueueKey, string>;
  const deadLetterQueueUrls = Object.fromEntries(
    queueKeys.flatMap((key) => {
      const name = (QUEUES[key] as { deadLetterUrlEnv?: string }).deadLetterUrlEnv;
      return name && env[name] ? [[key, env[name]]] : [];
    }),
  ) as Partial<Record<QueueKey, string>>;
  return new Runtime({
    tableName: parsed.data[ENV.tableName]!,
    queueUrls,
    deadLetterQueueUrls,
    eventRetentionDays: Number(parsed.data[ENV.eventRetentionDays]),
    secrets: new SecretsManagerWorkspaceSecrets(String(parsed.data[ENV.secretsName])),
    clock: systemClock,
  });
};

/**
 * A handler built on its first invocation, so importing a handler module (the local
 * harness and tests import them to build their own) never needs the Lambda environment.
 */
export const lazyHandler = <E, R>(build: () => (event: E, context: any) => Promise<R>) => {
  let built: ((event: E, context: any) => Promise<R>) | undefined;
  return (event: E, context: any): Promise<R> => (built ??= build())(event, context);
};
