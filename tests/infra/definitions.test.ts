import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { DefinitionError, RETAIN_DEFINITIONS, checkDefinitions, type RetainDefinitions } from '../../infra/retain-definitions.js';
import { RetainStack } from '../../infra/retain-stack.js';

const withFunction = (key: string, patch: Record<string, unknown>): RetainDefinitions => ({
  ...RETAIN_DEFINITIONS,
  functions: { ...RETAIN_DEFINITIONS.functions, [key]: { ...RETAIN_DEFINITIONS.functions[key]!, ...patch } },
});

describe('the definitions check', () => {
  it('accepts the definitions of resources.ts', () => {
    expect(() => checkDefinitions(RETAIN_DEFINITIONS)).not.toThrow();
  });

  it('names the field that points at a queue that does not exist', () => {
    const definitions = withFunction('ingest', { sendsTo: ['ingestRetry', 'nowhere'] });

    expect(() => checkDefinitions(definitions)).toThrow(/FUNCTIONS\.ingest\.sendsTo\[1\]: no queue "nowhere" in QUEUES/);
  });

  it('names a queue to dead-letter to whose DLQ URL no variable carries', () => {
    const definitions = withFunction('deliver', { deadLettersTo: ['ingestRetry'] });

    expect(() => checkDefinitions(definitions)).toThrow(/FUNCTIONS\.deliver\.deadLettersTo\[0\]: QUEUES\.ingestRetry has no deadLetterUrlEnv/);
  });

  it('names a queue to redrive that does not exist', () => {
    const definitions = withFunction('admin', { redrives: ['nowhere'] });

    expect(() => checkDefinitions(definitions)).toThrow(/FUNCTIONS\.admin\.redrives\[0\]: no queue "nowhere"/);
  });

  it('names a stream failure queue that does not exist', () => {
    const definitions = withFunction('evaluate', { stream: { ...RETAIN_DEFINITIONS.functions['evaluate']!.stream!, onFailure: 'nowhere' } });

    expect(() => checkDefinitions(definitions)).toThrow(/FUNCTIONS\.evaluate\.stream\.onFailure: no queue "nowhere"/);
  });

  it('names a route that two functions claim', () => {
    const definitions = withFunction('api', { routes: ['POST /v1/events'] });

    expect(() => checkDefinitions(definitions)).toThrow(/FUNCTIONS\.api\.routes: "POST \/v1\/events" is already routed to FUNCTIONS\.ingest/);
  });

  it('names a route key that is not "METHOD /path"', () => {
    const definitions = withFunction('api', { routes: ['/v1/customers'] });

    expect(() => checkDefinitions(definitions)).toThrow(/FUNCTIONS\.api\.routes: "\/v1\/customers" is not a route key/);
  });

  it('names a schedule whose target is not a function', () => {
    const definitions: RetainDefinitions = { ...RETAIN_DEFINITIONS, schedules: { nightly: { expression: 'rate(1 day)', target: 'nowhere' as never, description: 'x' } } };

    expect(() => checkDefinitions(definitions)).toThrow(/SCHEDULES\.nightly\.target: no function "nowhere"/);
  });

  it('stops the stack before CDK does', () => {
    const definitions = withFunction('ingest', { sendsTo: ['nowhere'] });

    expect(() => new RetainStack(new App(), 'Retain', { definitions })).toThrow(DefinitionError);
  });
});
