/** The enterprise graph: domain schemas, the store contract, its adapters and the import use case. */
export * from './schema';
export * from './store';
export { EARLIEST_CLIENT_DATE, clientDateProblem, clientToday, withClientToday } from './client-dates';
export { PROVINCES, isProvinceCode, province, provinceLabel, type Province } from '../shared/provinces';
export { isValidUscc, usccProblem, withUsccCheckChar } from './uscc';
export { documentProblems, importDocument, importRejected, parseImportDocument, referenceProblems, zodDetails } from './import';
export { SqliteStore } from './sqlite';
export { reportKey, suspensionOf } from './internal';
