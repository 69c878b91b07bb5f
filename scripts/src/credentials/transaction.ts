// A credential change as a transaction (issue 20, item 1): every file the change may touch is
// read first; the new secret is written beside the old one (`<file>.new`); `promote` switches it
// in (the old one kept as `<file>.previous`) only once every other step succeeded; `rollback`
// puts every file back byte for byte (and mode for mode), removing the ones that did not exist.

import { chmodSync, existsSync, readFileSync, statSync } from 'node:fs';
import {
    modeOf,
    moveSecretFile,
    removeIfPresent,
    writeSecretFile
} from './secrets';

interface Saved {
    file: string;
    content?: Buffer;
    mode?: number;
}

export class SecretTransaction {
    private readonly saved: Saved[];

    constructor(files: string[]) {
        this.saved = files.map((file) =>
            existsSync(file) && statSync(file).isFile()
                ? { file, content: readFileSync(file), mode: modeOf(file) }
                : { file }
        );
    }

    /** `<file>` becomes `<file>.previous`, and `<file>.new` becomes `<file>`. */
    promote(file: string): void {
        if (existsSync(file)) {
            moveSecretFile(file, `${file}.previous`);
        }
        moveSecretFile(`${file}.new`, file);
    }

    /** Every file as it was when the transaction began. */
    rollback(): void {
        for (const { file, content, mode } of this.saved) {
            if (content === undefined) {
                removeIfPresent(file);
                continue;
            }
            writeSecretFile(file, content.toString('latin1'), 'latin1');
            chmodSync(file, mode ?? 0o600);
        }
    }
}
