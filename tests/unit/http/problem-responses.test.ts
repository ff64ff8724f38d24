import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { problemResponses } from '../../../lib/http/problem-responses.js';
import { createLogger } from '../../../lib/log/create-logger.js';

const context = (remainingMs: number) => ({ getRemainingTimeInMillis: () => remainingMs }) as unknown as Context;

describe('problemResponses', () => {
  it('answers a function that runs out of time with a 503 to retry, not a 500', async () => {
    // Arrange: middy answers just before Lambda's own timeout (timeoutEarlyInMillis before it).
    const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>({ timeoutEarlyInMillis: 5 })
      .use(problemResponses(createLogger('test', 'SILENT')))
      .handler(() => new Promise<APIGatewayProxyStructuredResultV2>(() => undefined));

    // Act
    const response = await handler({} as APIGatewayProxyEventV2, context(20));

    // Assert
    expect(response).toMatchObject({ statusCode: 503, headers: { 'retry-after': '1' } });
    expect(JSON.parse(String(response.body))).toMatchObject({ error: 'timeout' });
  });

  it('answers any other failure with a 500 that reveals nothing', async () => {
    // Arrange
    const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
      .use(problemResponses(createLogger('test', 'SILENT')))
      .handler(async () => {
        throw new Error('secret detail');
      });

    // Act
    const response = await handler({} as APIGatewayProxyEventV2, context(1000));

    // Assert
    expect(response.statusCode).toBe(500);
    expect(String(response.body)).not.toContain('secret detail');
  });
});
