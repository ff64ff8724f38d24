/** `ingestRetry` → `IngestRetry`: construct ids, so logical ids read like the definition keys. */
export const pascalCase = (key: string): string => key.replace(/(^|[-_\s]+)([a-zA-Z0-9])/g, (_, __, char: string) => char.toUpperCase());

/** `ingestRetry` → `ingest-retry`: the service name the handlers log under. */
export const kebabCase = (key: string): string => key.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/[_\s]+/g, '-').toLowerCase();
