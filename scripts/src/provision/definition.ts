// Moved to scripts/src/integration-user/ (the API-user definition, shared); kept for old imports.
export * from '../integration-user/definition';
