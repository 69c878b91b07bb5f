import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

/** One file of a zip (jar) archive, read lazily. */
export interface ZipEntry {
    name: string;
    read: () => Buffer;
}

/**
 * Lists a zip archive from its central directory (PKWARE APPNOTE 4.3.12, 4.3.16): stored and
 * deflated entries, no zip64, which is what a jar holds.
 */
export function readZip(file: string): ZipEntry[] {
    const data = readFileSync(file);
    let end = data.length - 22;
    while (end >= 0 && data.readUInt32LE(end) !== 0x06054b50) {
        end--;
    }
    if (end < 0) {
        throw new Error(
            `${file}: not a zip archive (no end of central directory)`
        );
    }
    const count = data.readUInt16LE(end + 10);
    let offset = data.readUInt32LE(end + 16);
    const entries: ZipEntry[] = [];
    for (let i = 0; i < count; i++) {
        if (data.readUInt32LE(offset) !== 0x02014b50) {
            throw new Error(`${file}: bad central directory entry ${i}`);
        }
        const method = data.readUInt16LE(offset + 10);
        const compressed = data.readUInt32LE(offset + 20);
        const nameLength = data.readUInt16LE(offset + 28);
        const extraLength = data.readUInt16LE(offset + 30);
        const commentLength = data.readUInt16LE(offset + 32);
        const local = data.readUInt32LE(offset + 42);
        const name = data.toString(
            'utf8',
            offset + 46,
            offset + 46 + nameLength
        );
        entries.push({
            name,
            read: () => {
                const start =
                    local +
                    30 +
                    data.readUInt16LE(local + 26) +
                    data.readUInt16LE(local + 28);
                const raw = data.subarray(start, start + compressed);
                return method === 8 ? inflateRawSync(raw) : Buffer.from(raw);
            }
        });
        offset += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
}

/**
 * The names of the fields a Java class file declares (JVM Specification, chapter 4.1 ClassFile
 * and 4.4 constant pool), static or not.
 */
export function classFieldNames(bytes: Buffer): string[] {
    if (bytes.readUInt32BE(0) !== 0xcafebabe) {
        throw new Error('not a Java class file');
    }
    const poolCount = bytes.readUInt16BE(8);
    const utf8 = new Map<number, string>();
    let offset = 10;
    for (let index = 1; index < poolCount; index++) {
        const tag = bytes.readUInt8(offset);
        switch (tag) {
            case 1: {
                const length = bytes.readUInt16BE(offset + 1);
                utf8.set(
                    index,
                    bytes.toString('utf8', offset + 3, offset + 3 + length)
                );
                offset += 3 + length;
                break;
            }
            case 3:
            case 4:
            case 9:
            case 10:
            case 11:
            case 12:
            case 17:
            case 18:
                offset += 5;
                break;
            case 5:
            case 6:
                offset += 9;
                index++;
                break;
            case 7:
            case 8:
            case 16:
            case 19:
            case 20:
                offset += 3;
                break;
            case 15:
                offset += 4;
                break;
            default:
                throw new Error(`unknown constant pool tag ${tag}`);
        }
    }
    offset += 6; // access_flags, this_class, super_class
    const interfaces = bytes.readUInt16BE(offset);
    offset += 2 + 2 * interfaces;
    const fieldCount = bytes.readUInt16BE(offset);
    offset += 2;
    const names: string[] = [];
    for (let i = 0; i < fieldCount; i++) {
        names.push(utf8.get(bytes.readUInt16BE(offset + 2)) ?? '');
        const attributes = bytes.readUInt16BE(offset + 6);
        offset += 8;
        for (let a = 0; a < attributes; a++) {
            offset += 6 + bytes.readUInt32BE(offset + 2);
        }
    }
    return names;
}
