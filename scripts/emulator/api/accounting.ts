// API request accounting: the org's DailyApiRequests allowance, reported in the
// Sforce-Limit-Info header and /limits, and call counters by route for tests.

export interface CallCounters {
    /** Every HTTP request that reached a route, faulted or not. */
    total: number;
    /** Requests counted against DailyApiRequests. */
    apiUsage: number;
    apiLimit: number;
    /** "GET /services/data/vXX.X/query" -> calls */
    byRoute: Record<string, number>;
}

export const DEFAULT_API_LIMIT = 15_000;

export class Accounting {
    private used = 0;
    private total = 0;
    private readonly byRoute = new Map<string, number>();

    constructor(readonly limit: number = DEFAULT_API_LIMIT) {}

    /** Notes a call to a route (before faults and limits apply). */
    recordCall(routeKey: string): void {
        this.total++;
        this.byRoute.set(routeKey, (this.byRoute.get(routeKey) ?? 0) + 1);
    }

    /** Takes one request from the allowance; false when it is used up. */
    consume(): boolean {
        if (this.used >= this.limit) {
            return false;
        }
        this.used++;
        return true;
    }

    get usage(): number {
        return this.used;
    }

    setUsage(used: number): void {
        this.used = Math.max(0, Math.min(used, this.limit));
    }

    header(): string {
        return `api-usage=${this.used}/${this.limit}`;
    }

    snapshot(): CallCounters {
        return {
            total: this.total,
            apiUsage: this.used,
            apiLimit: this.limit,
            byRoute: Object.fromEntries(this.byRoute)
        };
    }

    resetCounters(): void {
        this.total = 0;
        this.byRoute.clear();
    }
}
