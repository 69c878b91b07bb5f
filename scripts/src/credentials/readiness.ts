// Moved to scripts/src/integration-user/ (shared by access/ and credentials/); kept for old imports.
export * from '../integration-user/readiness';
