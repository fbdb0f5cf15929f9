/** The data layer: connection, models bound to a connection, mappers to the engine shapes, the demo seed. */
export { configureMongoose, connectDatabase, DEFAULT_MONGODB_URI, ensureIndexes, pingDatabase, type ConnectDatabaseOptions } from './connect';
export { DatabaseUnavailableError, redactUri } from './database-unavailable.error';
export { AppendOnlyViolationError } from './append-only.plugin';
export { getModels, type Models, type ModelName } from './models';
export type * from './models';
export { toEngineAllocationState, toEngineCustomer, toEngineRep, toEngineRepLoad, type Stored } from './mappers';
export { localDate } from './local-date';
export { normalizeCompany, normalizeEmail, normalizePhone } from './normalize-contact';
export { DEMO_LOGINS, DEMO_PASSWORD, type DemoLogin } from './seed/demo-logins';
export { clearAllCollections, seedDemo, type SeedDemoOptions, type SeedDemoResult } from './seed/seed-demo';
