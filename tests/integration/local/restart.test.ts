import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, paginateQuery } from '@aws-sdk/lib-dynamodb';
import pMap from 'p-map';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { orderCompleted, pageView, signedUp, type Product } from '../../../infra/local/simulate/segment-messages.js';
import { customerRef } from '../../../lib/profiles/profile-ref.js';
import { EVENT_SK_PREFIX, profilePk } from '../../../lib/store/keys.js';
import { localStackHome, spawnLocalStack, type LocalStackProcess } from '../../support/local-stack-process.js';

/** Customers erased while the load runs (created, and settled, before it). */
const ERASED = 30;
/** Customers who sign up (a welcome AlimTalk) and order once, one request each. */
const BUYERS = 200;
/** Requests of page views by one shopper, in parallel with each other: writes that contend for one profile. */
const HOT_REQUESTS = 60;
const HOT_VIEWS = 4;
const CONCURRENCY = 12;
/** The signal goes out once this many load requests were acknowledged. */
const ACKNOWLEDGED_BEFORE_STOP = 70;

const PHONE = { phone: '010-1234-5678', name: '김하늘' };
const product = (index: number): Product => ({ id: `p-${index}`, name: '토너', category: 'skincare', price: 10_000 + index });

type Request = { kind: 'buyer' | 'erasure' | 'hot'; customerId: string; total?: number; paths?: string[]; body: unknown };
type Outcome = Request & { acknowledged: boolean; deferred: number };

const client = (stack: LocalStackProcess) => {
  const call = (path: string, init: RequestInit = {}) =>
    fetch(`${stack.url}${path}`, { ...init, headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json', ...(init.headers as Record<string, string> | undefined) } });
  return {
    post: (body: unknown) => call('/v1/events', { method: 'POST', body: JSON.stringify(body) }),
    customer: async (customerId: string) => {
      const response = await call(`/v1/customers/${encodeURIComponent(customerId)}`);
      return response.status === 404 ? undefined : ((await response.json()) as Record<string, any>);
    },
    sends: async (customerId: string) => ((await (await call(`/v1/customers/${encodeURIComponent(customerId)}/sends`)).json()) as { sends: Array<Record<string, any>> }).sends,
    receipts: async () => ((await (await call('/v1/erasures')).json()) as { receipts: unknown[] }).receipts,
  };
};

/** The paths of the page views stored in the customer's event history (read from the table: the API shows aggregates). */
const storedPaths = async (stack: LocalStackProcess, customerId: string): Promise<Set<string>> => {
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: stack.dynamodbEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));
  const paths = new Set<string>();
  const pages = paginateQuery({ client }, { TableName: 'retain', KeyConditionExpression: 'pk = :pk AND begins_with(sk, :events)', ExpressionAttributeValues: { ':pk': profilePk(customerRef('demo', customerId)), ':events': EVENT_SK_PREFIX } });
  for await (const page of pages) for (const item of page.Items ?? []) paths.add(JSON.parse(String(item['event'])).page?.path ?? '');
  client.destroy();
  return paths;
};

/** What is not as acknowledged: events not stored, erasures not done, sends stuck before delivery. */
const shortfall = async (stack: LocalStackProcess, outcomes: Outcome[]) => {
  const api = client(stack);
  const acknowledged = outcomes.filter((outcome) => outcome.acknowledged);
  const notStored: string[] = [];
  const notErased: string[] = [];
  const stuck: string[] = [];
  const now = Date.now();
  await pMap(
    acknowledged,
    async (outcome) => {
      if (outcome.kind === 'hot') return;
      const profile = await api.customer(outcome.customerId);
      if (outcome.kind === 'erasure') {
        if (profile) notErased.push(outcome.customerId);
        return;
      }
      if (profile?.['isMember'] !== true) notStored.push(`signup of ${outcome.customerId}`);
      if (profile?.['orderCount'] !== 1 || profile['totalSpent'] !== outcome.total) notStored.push(`order of ${outcome.customerId}`);
      for (const send of await api.sends(outcome.customerId)) {
        const due = send['notBefore'] === undefined || new Date(send['notBefore']).getTime() <= now;
        if (['enqueuing', 'queued'].includes(send['state']) || (send['state'] === 'pending' && due)) stuck.push(`${outcome.customerId} ${send['rule'].id} ${send['state']}`);
      }
    },
    { concurrency: 8 },
  );
  const erasures = acknowledged.filter((outcome) => outcome.kind === 'erasure').length;
  const receipts = (await api.receipts()).length;
  const views = await storedPaths(stack, 'hot-shopper');
  for (const outcome of acknowledged) if (outcome.kind === 'hot') notStored.push(...outcome.paths!.filter((path) => !views.has(path)));
  return { notStored, notErased, stuck, missingReceipts: Math.max(0, erasures - receipts) };
};

let stacks: LocalStackProcess[] = [];
let removeHome: (() => void) | undefined;
afterEach(async () => {
  for (const stack of stacks) await stack.dispose();
  stacks = [];
  removeHome?.();
});

describe.each(['SIGTERM', 'SIGKILL'] as const)('npm start stopped by %s in the middle of a load, then started again', (signal) => {
  it('stores every acknowledged event, carries out every acknowledged erasure and leaves no send stuck', { timeout: 300_000 }, async () => {
    // Arrange: a stack with customers to erase, settled
    const home = await localStackHome();
    removeHome = home.remove;
    const first = spawnLocalStack(home.dataDir, home.ports);
    stacks.push(first);
    await first.ready();
    const api = client(first);
    const start = Date.now();
    const at = (offsetMs: number) => new Date(start - 60_000 + offsetMs).toISOString();
    const seeded = await pMap(
      Array.from({ length: ERASED }, (_, index) => index),
      async (index) => (await api.post({ batch: [signedUp(`erased-${index}`, at(0), PHONE), orderCompleted(`erased-${index}`, at(1), `eo-${index}`, [product(index)])] })).status,
      { concurrency: 4 },
    );
    expect(seeded.every((status) => status === 200)).toBe(true);
    const requests: Request[] = [];
    for (let index = 0; index < BUYERS; index += 1) {
      const total = product(index).price;
      requests.push({ kind: 'buyer', customerId: `buyer-${index}`, total, body: { batch: [signedUp(`buyer-${index}`, at(2), PHONE), orderCompleted(`buyer-${index}`, at(3), `o-${index}`, [product(index)])] } });
      if (index % 2 === 0 && index / 2 < HOT_REQUESTS) {
        const paths = Array.from({ length: HOT_VIEWS }, (_, view) => `/products/${index}-${view}`);
        requests.push({ kind: 'hot', customerId: 'hot-shopper', paths, body: { batch: paths.map((path) => pageView('hot-shopper', at(2), path)) } });
      }
      if (index % 3 === 1 && index / 3 < ERASED) {
        const customerId = `erased-${Math.floor(index / 3)}`;
        requests.push({ kind: 'erasure', customerId, body: { type: 'track', messageId: `withdrawal-${customerId}`, userId: customerId, timestamp: at(4), event: 'Account Deleted', properties: {} } });
      }
    }

    // Act: the load, the signal in the middle of it, and a new start on the same data
    let acknowledgedSoFar = 0;
    let stopped: Promise<number | null> | undefined;
    const outcomes = await pMap(
      requests,
      async (request): Promise<Outcome> => {
        const response = await api.post(request.body).catch(() => undefined);
        const acknowledged = response?.status === 200;
        const report = acknowledged ? ((await response.json()) as { deferred: number }) : (await response?.body?.cancel(), { deferred: 0 });
        if (acknowledged && (acknowledgedSoFar += 1) === ACKNOWLEDGED_BEFORE_STOP) stopped = first.kill(signal);
        return { ...request, acknowledged, deferred: report.deferred };
      },
      { concurrency: CONCURRENCY },
    );
    await stopped;
    const second = spawnLocalStack(home.dataDir, home.ports);
    stacks.push(second);
    await second.ready();

    // Assert
    const acknowledged = outcomes.filter((outcome) => outcome.acknowledged);
    expect(acknowledged.length).toBeGreaterThanOrEqual(ACKNOWLEDGED_BEFORE_STOP);
    let last: Awaited<ReturnType<typeof shortfall>> | undefined;
    const figures = () => {
      const erasures = acknowledged.filter((outcome) => outcome.kind === 'erasure').length;
      const hot = acknowledged.filter((outcome) => outcome.kind === 'hot').length;
      const events = (acknowledged.length - erasures - hot) * 2 + hot * HOT_VIEWS;
      const deferred = acknowledged.reduce((sum, outcome) => sum + outcome.deferred, 0);
      return `${signal}: events acknowledged ${events} (${deferred} deferred), stored ${events - (last?.notStored.length ?? 0)}; erasures acknowledged ${erasures}, done ${erasures - (last?.notErased.length ?? 0)}; sends stuck ${last?.stuck.length}`;
    };
    // A send whose writer was killed within its enqueue lease (60 s) goes out at the first sweep after it.
    await vi
      .waitFor(
        async () => {
          last = await shortfall(second, outcomes);
          expect(last).toEqual({ notStored: [], notErased: [], stuck: [], missingReceipts: 0 });
        },
        { timeout: 150_000, interval: 2_000 },
      )
      .catch((error: unknown) => {
        console.error(figures());
        throw error;
      });
    console.info(figures());
    expect(acknowledged.length).toBeLessThan(requests.length); // the signal did land mid-load
  });
});
