import { checksum } from '../../shared/salesforce-id';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** 18-character Ids with a key prefix (500 Case, 00a CaseComment, ...), in creation order. */
export class IdGenerator {
    private counter = 0;

    constructor(private readonly prefix: string) {
        if (prefix.length !== 3) {
            throw new Error(`key prefix must have 3 characters: ${prefix}`);
        }
    }

    next(): string {
        this.counter++;
        let n = this.counter;
        let digits = '';
        for (let i = 0; i < 7; i++) {
            digits = BASE62.charAt(n % 62) + digits;
            n = Math.floor(n / 62);
        }
        const id15 = `${this.prefix}Pv000${digits}`;
        return id15 + checksum(id15);
    }
}
