import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** The shop's own domain, as Shopify names it in every webhook's `X-Shopify-Shop-Domain`. */
export const ShopifyShopDomainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, 'must be a shop\'s myshopify.com domain, e.g. "retain-demo.myshopify.com" (the X-Shopify-Shop-Domain of its webhooks)');

/** What authenticates a workspace's callers: its API key and its webhook secrets. */
export const WorkspaceCredentialsSchema = z.object({
  apiKey: z.string().min(1).optional(),
  shopifySecret: z.string().min(1).optional(),
  /**
   * The shops whose webhooks this workspace takes. An app's secret signs the webhooks of every
   * shop that installed it, so the signature alone does not say which workspace a webhook is for.
   */
  shopifyShopDomains: z.array(ShopifyShopDomainSchema).default([]),
  cafe24Key: z.string().min(1).optional(),
  /** The header the shop's Cafe24 webhook carries its key in. */
  cafe24Header: z.string().min(1).default('x-retain-key'),
  shopbyKey: z.string().min(1).optional(),
  shopbyHeader: z.string().min(1).default('x-retain-key'),
  /** Signs outgoing send webhooks (HMAC-SHA256), so the shop's bridge knows they come from Retain. */
  deliveryWebhookSecret: z.string().min(16).optional(),
});
export type WorkspaceCredentials = z.infer<typeof WorkspaceCredentialsSchema>;

/** The document kept in Secrets Manager (one per deployment): `{ "workspaces": { "<id>": {…} } }`. */
export const WorkspaceSecretsDocumentSchema = z.object({
  workspaces: z.record(z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'workspace ids are lowercase letters, digits and dashes'), WorkspaceCredentialsSchema),
});
export type WorkspaceSecretsDocument = z.input<typeof WorkspaceSecretsDocumentSchema>;

/** The port handlers authenticate through. */
export interface WorkspaceSecrets {
  /** The workspace whose API key this is, compared in constant time. */
  workspaceForApiKey(apiKey: string): Promise<string | undefined>;
  credentials(workspace: string): Promise<WorkspaceCredentials | undefined>;
  /** Every workspace this deployment serves (scheduled rules run for each). */
  workspaces(): Promise<string[]>;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Constant-time comparison of two secrets of any length. */
export const secretsEqual = (presented: string, expected: string): boolean => timingSafeEqual(digest(presented), digest(expected));

/** Secrets held in memory: loaded from the environment locally, from Secrets Manager on AWS. */
export class StaticWorkspaceSecrets implements WorkspaceSecrets {
  private readonly document: z.output<typeof WorkspaceSecretsDocumentSchema>;

  constructor(document: WorkspaceSecretsDocument) {
    this.document = WorkspaceSecretsDocumentSchema.parse(document);
  }

  async workspaceForApiKey(apiKey: string): Promise<string | undefined> {
    let found: string | undefined;
    // Look at every workspace so the time taken does not tell which key came close.
    for (const [workspace, credentials] of Object.entries(this.document.workspaces)) {
      if (credentials.apiKey !== undefined && secretsEqual(apiKey, credentials.apiKey)) found = workspace;
    }
    return found;
  }

  async credentials(workspace: string): Promise<WorkspaceCredentials | undefined> {
    return Object.hasOwn(this.document.workspaces, workspace) ? this.document.workspaces[workspace] : undefined;
  }

  async workspaces(): Promise<string[]> {
    return Object.keys(this.document.workspaces).sort();
  }
}
