import { knownUserPermissions } from './shared/user-permissions';
const k = knownUserPermissions();
for (const n of process.argv.slice(2)) console.log(n, k.has(n));
