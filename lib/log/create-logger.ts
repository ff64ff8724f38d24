import { Logger } from '@aws-lambda-powertools/logger';
import { maskPii } from './pii-masking.js';

export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';

/** A Powertools logger whose output never carries e-mail addresses or phone numbers. */
export const createLogger = (serviceName: string, logLevel?: LogLevel): Logger =>
  new Logger({ serviceName, ...(logLevel ? { logLevel } : {}), jsonReplacerFn: maskPii });
