// Salesforce record ids: the 3-character suffix that turns a 15-character (case-sensitive) id
// into its 18-character (case-insensitive) form. Each suffix character encodes which of 5
// characters of the 15 are upper case (bit i for character i), as an index into A-Z then 0-5.
// Salesforce documents the two forms, not the algorithm; this is the public one with its
// published examples (salesforce_id_formatter: 70130000001tcyI -> 70130000001tcyIAAQ;
// gist marz619/674d36bb90f1cb91a72486741c6d692c: a0BA0000000L2ZC -> a0BA0000000L2ZCMA0),
// which scripts/test/shared/salesforce-id.test.ts checks.

const SUFFIX_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

export function checksum(id15: string): string {
    let suffix = '';
    for (let chunk = 0; chunk < 3; chunk++) {
        let bits = 0;
        for (let i = 0; i < 5; i++) {
            const char = id15.charAt(chunk * 5 + i);
            if (char >= 'A' && char <= 'Z') {
                bits |= 1 << i;
            }
        }
        suffix += SUFFIX_CHARS.charAt(bits);
    }
    return suffix;
}
