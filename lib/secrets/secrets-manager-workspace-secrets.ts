import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import {
  StaticWorkspaceSecrets,
  WorkspaceSecretsDocumentSchema,
  type WorkspaceCredentials,
  type WorkspaceSecrets,
} from '../workspaces/workspace-secrets.js';

export class WorkspaceSecretsError extends Error {
  override readonly name = 'WorkspaceSecretsError';
}

/**
 * Workspace secrets from one Secrets Manager secret, read once per cold start
 * (Powertools caches it for the life of the execution environment).
 */
export class SecretsManagerWorkspaceSecrets implements WorkspaceSecrets {
  private loaded?: Promise<StaticWorkspaceSecrets>;

  constructor(private readonly secretName: string) {}

  private load(): Promise<StaticWorkspaceSecrets> {
    this.loaded ??= getSecret(this.secretName, { transform: 'json', maxAge: Number.MAX_SAFE_INTEGER })
      .then((value) => {
        const parsed = WorkspaceSecretsDocumentSchema.safeParse(value);
        if (!parsed.success) throw new WorkspaceSecretsError(`secret ${this.secretName} is not a workspace secrets document: ${parsed.error.message}`, { cause: parsed.error });
        return new StaticWorkspaceSecrets(parsed.data);
      })
      .catch((error: unknown) => {
        this.loaded = undefined; // try again on the next request
        throw error;
      });
    return this.loaded;
  }

  async workspaceForApiKey(apiKey: string): Promise<string | undefined> {
    return (await this.load()).workspaceForApiKey(apiKey);
  }

  async credentials(workspace: string): Promise<WorkspaceCredentials | undefined> {
    return (await this.load()).credentials(workspace);
  }

  async workspaces(): Promise<string[]> {
    return (await this.load()).workspaces();
  }
}
