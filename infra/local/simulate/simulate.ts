import { Command, InvalidArgumentError } from 'commander';
import { z } from 'zod';
import { positiveInteger } from '../../../cli/api/option-values.js';
import { startDynamoDbLocal } from '../dynamodb-local.js';
import { freePort } from '../ports.js';
import { startSqsLocal } from '../sqs-local.js';
import type { LogLevel } from '../../../lib/log/create-logger.js';
import { runSimulation, TIME_ZONE, type SimulationOptions } from './run-simulation.js';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

const localDay = (value: string) => {
  if (!z.iso.date().safeParse(value).success) throw new InvalidArgumentError('must be a date as YYYY-MM-DD');
  return value;
};

const program = new Command('simulate')
  .description("Replays a generated shop's months through Retain's real handlers, rule library and send gate on a simulated clock, and prints what each rule did, by week")
  .option('--customers <n>', 'customers in the shop', positiveInteger, 2000)
  .option('--days <n>', 'days to simulate', positiveInteger, 120)
  .option('--seed <n>', 'seed of the shop (same seed, same report)', positiveInteger, 7)
  .option('--start <date>', `first day, YYYY-MM-DD (shop time, ${TIME_ZONE})`, localDay, '2026-03-02')
  .option('--tick <minutes>', 'minutes between two runs of the schedules (timer sweep, scheduled rules)', positiveInteger, 60)
  .addHelpText('after', '\nThe report goes to stdout; progress and the wall time to stderr. LOG_LEVEL=WARN shows the handlers\' logs.');

const main = async () => {
  const options = program.parse().opts<SimulationOptions>();
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
  const logLevel = process.env['LOG_LEVEL'] as LogLevel | undefined;
  const dynamodb = await startDynamoDbLocal({ port: await freePort() });
  const sqs = await startSqsLocal({ port: 0 }).catch(async (error: unknown) => {
    await dynamodb.stop();
    throw error;
  });
  try {
    const { report } = await runSimulation(options, { dynamodbEndpoint: dynamodb.endpoint, sqsEndpoint: sqs.endpoint }, {
      progress: (line) => process.stderr.write(`simulate: ${line} (${elapsed()})\n`),
      ...(logLevel ? { logLevel, log: (line: string) => process.stderr.write(`${line}\n`) } : {}),
    });
    process.stdout.write(`${report.join('\n')}\n`);
  } finally {
    await sqs.stop();
    await dynamodb.stop();
  }
  process.stderr.write(`simulate: wall time ${elapsed()}\n`);
};

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
