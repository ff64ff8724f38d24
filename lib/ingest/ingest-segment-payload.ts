import type { CanonicalEvent } from '../events/canonical-event.js';
import { mapSegmentMessage } from '../events/segment/map-segment-message.js';
import { SegmentBatchEnvelopeSchema, SegmentMessageSchema } from '../events/segment/segment-message.js';
import { fieldIssues, formatPath, ValidationError, type FieldIssue } from '../validation/field-issues.js';
import { ingestAll, type IngestDeps } from './ingest-all.js';

/** Segment's own limit per message; keeps every event well inside a DynamoDB item. */
const MAX_MESSAGE_BYTES = 32 * 1024;

export interface IngestReport {
  accepted: number;
  duplicates: number;
  deferred: number;
  ignored: number;
  rejected: Array<{ index: number; issues: FieldIssue[] }>;
}

export interface IngestResult {
  /** 200 all accepted, 207 some rejected, 400 none accepted. */
  statusCode: 200 | 207 | 400;
  report: IngestReport;
}

/**
 * `POST /v1/events`: one Segment-spec message or `{ batch: [...] }`.
 * 1. Validate and map every message; bad ones are reported by index with each field's problem.
 * 2. Store the good ones (see `ingestAll`): a batch with bad messages still keeps the good;
 *    one that would take its profile past MAX_TRAITS traits is rejected like a bad one.
 */
export const ingestSegmentPayload = async (
  body: unknown,
  context: { workspace: string; receivedAt: string },
  deps: IngestDeps,
): Promise<IngestResult> => {
  const isBatch = typeof body === 'object' && body !== null && 'batch' in body;
  const messages = isBatch ? batchOf(body) : [body];
  const events: CanonicalEvent[] = [];
  /** The message each event came from. */
  const indexes: number[] = [];
  const report: IngestReport = { accepted: 0, duplicates: 0, deferred: 0, ignored: 0, rejected: [] };
  messages.forEach((message, index) => {
    const prefix = isBatch ? `batch[${index}]` : '';
    const issues = tooLarge(message, prefix) ?? [];
    if (issues.length === 0) {
      const parsed = SegmentMessageSchema.safeParse(message);
      if (!parsed.success) issues.push(...fieldIssues(parsed.error, prefix));
      else {
        try {
          const mapped = mapSegmentMessage(parsed.data, context.workspace, context.receivedAt);
          if (mapped.kind === 'ignored') report.ignored += 1;
          else {
            events.push(mapped.event);
            indexes.push(index);
          }
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          issues.push(...error.issues.map((issue) => ({ ...issue, path: prefix ? `${prefix}.${issue.path}` : issue.path })));
        }
      }
    }
    if (issues.length > 0) report.rejected.push({ index, issues });
  });
  if (!isBatch && report.rejected.length > 0) throw new ValidationError(report.rejected[0]!.issues);

  // A client answered now can fix a message that would take its profile past a bound.
  const outcomes = await ingestAll(events, deps, { refuseTraitsPastBound: true });
  outcomes.forEach((outcome, position) => {
    if (typeof outcome === 'object') {
      const prefix = isBatch ? `batch[${indexes[position]}]` : '';
      report.rejected.push({ index: indexes[position]!, issues: outcome.refused.map((issue) => ({ ...issue, path: prefix ? `${prefix}.${issue.path}` : issue.path })) });
    } else if (outcome === 'duplicate') report.duplicates += 1;
    else if (outcome === 'erased') report.ignored += 1;
    else report.accepted += 1;
    if (outcome === 'deferred') report.deferred += 1;
  });
  report.rejected.sort((a, b) => a.index - b.index);
  if (!isBatch && report.rejected.length > 0) throw new ValidationError(report.rejected[0]!.issues);
  const statusCode = report.rejected.length === 0 ? 200 : report.rejected.length < messages.length ? 207 : 400;
  return { statusCode, report };
};

const batchOf = (body: unknown): unknown[] => {
  const envelope = SegmentBatchEnvelopeSchema.safeParse(body);
  if (!envelope.success) throw new ValidationError(fieldIssues(envelope.error));
  const shared = envelope.data.context;
  // Context sent once for the batch applies to each message (the message's own wins).
  return envelope.data.batch.map((message) =>
    shared && message && typeof message === 'object' && !Array.isArray(message)
      ? { ...message, context: { ...shared, ...((message as { context?: object }).context ?? {}) } }
      : message,
  );
};

const tooLarge = (message: unknown, prefix: string): FieldIssue[] | undefined => {
  const bytes = Buffer.byteLength(JSON.stringify(message) ?? '', 'utf8');
  return bytes > MAX_MESSAGE_BYTES
    ? [{ path: formatPath([], prefix), message: `the message is ${Math.ceil(bytes / 1024)} KB; at most ${MAX_MESSAGE_BYTES / 1024} KB per message` }]
    : undefined;
};
