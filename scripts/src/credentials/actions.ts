import { connection } from './connection';
import type { CredentialsAction } from './context';
import { freeze, unfreeze } from './freeze';
import { resetPassword } from './reset-password';
import { revoke } from './revoke';
import { rotateCertificate } from './rotate-certificate';
import { setPassword } from './set-password';
import { status } from './status';

/** Every `npm run credentials -- <action>`, in the order the help lists them. */
export const ACTIONS: readonly CredentialsAction[] = [
    connection,
    setPassword,
    resetPassword,
    revoke,
    rotateCertificate,
    freeze,
    unfreeze,
    status
];
