import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Writes a report file a flag names (`--junit reports/verify.xml`): the folder is created, so a
 * fresh clone works. A file that cannot be written is one clear message naming the flag, the path
 * and the cause, returned rather than thrown, so that the command still prints its report
 * (issue 20, item 12).
 */
export function writeReportFile(
    flag: string,
    file: string,
    content: string
): string | undefined {
    const target = path.resolve(file);
    try {
        mkdirSync(path.dirname(target), { recursive: true });
        writeFileSync(target, content);
        return undefined;
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const cause =
            code === 'EROFS'
                ? 'the file system is read-only'
                : code === 'EACCES' || code === 'EPERM'
                  ? 'permission denied'
                  : code === 'EISDIR'
                    ? 'it is a folder'
                    : code === 'ENOTDIR' || code === 'EEXIST'
                      ? 'a part of the path is a file, not a folder'
                      : (code ?? (error as Error).message);
        return `${flag} ${file}: cannot write the file (${cause}). The report is printed in full; pass ${flag} a writable path.`;
    }
}
