/** A delivery Retain did not act on: enough to find it again on the platform, no payload (no personal data). */
export interface UnhandledWebhook {
  workspace: string;
  platform: string;
  topic: string;
  deliveryId: string;
  receivedAt: string;
  bytes: number;
}

/** The port unhandled deliveries are recorded through, so a later version can backfill them. */
export interface UnhandledWebhookLog {
  record(delivery: UnhandledWebhook): Promise<void>;
}
