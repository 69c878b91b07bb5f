import { checksum } from '../../shared/salesforce-id';

// Published examples of the 15 -> 18 character conversion (see scripts/shared/salesforce-id.ts).
test.each([
    ['70130000001tcyI', 'AAQ'],
    ['a0BA0000000L2ZC', 'MA0'],
    ['AaaAABbbBBCccCC', 'ZZZ'],
    ['ABCDEFGHIJKLMNO', '555'],
    ['AAaAAbbBBBCcCCC', '123']
])('%s gets the suffix %s', (id15, suffix) => {
    expect(checksum(id15)).toBe(suffix);
});
