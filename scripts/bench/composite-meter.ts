import { isQueryOrCollection } from '../src/org/client';

/**
 * Measures, on the wire, the largest Composite API request a run sends: subrequests in all and
 * Query/QueryAll/sObject Collections subrequests (the documented limits are 25 and 5, REST API
 * Developer Guide, "Composite"). Fed by the observing proxy in front of the emulator.
 */
export class CompositeMeter {
    maxSubrequests = 0;
    maxQueries = 0;

    observe = (method: string, path: string, body: Buffer): void => {
        if (method !== 'POST' || !/\/composite(\?|$)/.test(path)) {
            return;
        }
        const parsed = JSON.parse(body.toString('utf8')) as {
            compositeRequest?: { url: string }[];
        };
        const subrequests = parsed.compositeRequest ?? [];
        this.maxSubrequests = Math.max(this.maxSubrequests, subrequests.length);
        this.maxQueries = Math.max(
            this.maxQueries,
            subrequests.filter((sub) => isQueryOrCollection(sub.url)).length
        );
    };

    reset(): void {
        this.maxSubrequests = 0;
        this.maxQueries = 0;
    }
}
