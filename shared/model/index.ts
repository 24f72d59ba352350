/**
 * The Backpressure topology model: document types, defaults, region geometry, schema, validation, migration and
 * serialisation. Import from here rather than from the files.
 */
export * from './types.js';
export * from './defaults.js';
export * from './geo.js';
export {
  DOCUMENT_LIMITS,
  ID_PATTERN,
  KIND_NAMES,
  LOGNORMAL_MAX_P99_RATIO,
  MAX_DURATION_MS,
  backoffSchema,
  circuitBreakerSchema,
  distributionSchema,
  documentSchema,
  edgeParamsSchema,
  edgeSchema,
  faultSchema,
  healthCheckSchema,
  idSchema,
  keySpaceSchema,
  nodeSchema,
  noteSchema,
  outlierDetectionSchema,
  paramsSchemas,
  pointSchema,
  rateLimitSchema,
  rateScheduleSchema,
  retryBudgetSchema,
  retrySchema,
  simulationSchema,
  sizeSchema,
} from './schema.js';
export type { Problem } from './schema.js';
export { formatProblems, parseDocument, validateDocument } from './validate.js';
export type { ValidationResult } from './validate.js';
export { MIGRATIONS, migrateDocument } from './migrate.js';
export type { Migration, MigrationResult } from './migrate.js';
export { serializeDocument } from './serialize.js';
