// Date and datetime values as the REST API writes them, and SOQL date literals
// (TODAY, LAST_N_DAYS:n, ...) as half-open UTC ranges [start, end).

const DAY = 86_400_000;

/** "2026-04-01T09:30:00.000+0000" */
export function formatDateTime(date: Date): string {
    return date.toISOString().replace('Z', '+0000');
}

/** "2026-04-01" */
export function formatDate(date: Date): string {
    return date.toISOString().slice(0, 10);
}

/** Milliseconds for a date ("2026-04-01") or datetime string; NaN when unreadable. */
export function toMillis(value: string): number {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
        return Date.parse(`${value}T00:00:00Z`);
    }
    const normalized = value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
    return Date.parse(normalized);
}

export interface Range {
    start: number;
    end: number;
}

function startOfDay(now: Date): number {
    return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
}

function monthStart(year: number, month: number): number {
    return Date.UTC(year, month, 1);
}

function monthRange(now: Date, offset: number, count = 1): Range {
    const year = now.getUTCFullYear();
    const month = now.getUTCMonth() + offset;
    return {
        start: monthStart(year, month),
        end: monthStart(year, month + count)
    };
}

function quarterRange(now: Date, offset: number, count = 1): Range {
    const firstMonth = Math.floor(now.getUTCMonth() / 3) * 3 + offset * 3;
    const year = now.getUTCFullYear();
    return {
        start: monthStart(year, firstMonth),
        end: monthStart(year, firstMonth + count * 3)
    };
}

function yearRange(now: Date, offset: number, count = 1): Range {
    const year = now.getUTCFullYear() + offset;
    return { start: Date.UTC(year, 0, 1), end: Date.UTC(year + count, 0, 1) };
}

function weekRange(now: Date, offset: number, count = 1): Range {
    // Weeks start on Sunday (the default locale's first day of week).
    const today = startOfDay(now);
    const sunday = today - now.getUTCDay() * DAY;
    return {
        start: sunday + offset * 7 * DAY,
        end: sunday + (offset + count) * 7 * DAY
    };
}

/** The range a date literal stands for, or undefined when the literal is unknown. */
export function dateLiteralRange(
    literal: string,
    now: Date = new Date()
): Range | undefined {
    const today = startOfDay(now);
    const [name = '', arg] = literal.toUpperCase().split(':');
    const n = arg === undefined ? 0 : Number(arg);
    const fixed: Record<string, () => Range> = {
        YESTERDAY: () => ({ start: today - DAY, end: today }),
        TODAY: () => ({ start: today, end: today + DAY }),
        TOMORROW: () => ({ start: today + DAY, end: today + 2 * DAY }),
        LAST_WEEK: () => weekRange(now, -1),
        THIS_WEEK: () => weekRange(now, 0),
        NEXT_WEEK: () => weekRange(now, 1),
        LAST_MONTH: () => monthRange(now, -1),
        THIS_MONTH: () => monthRange(now, 0),
        NEXT_MONTH: () => monthRange(now, 1),
        LAST_90_DAYS: () => ({ start: today - 90 * DAY, end: today + DAY }),
        NEXT_90_DAYS: () => ({ start: today + DAY, end: today + 91 * DAY }),
        LAST_QUARTER: () => quarterRange(now, -1),
        THIS_QUARTER: () => quarterRange(now, 0),
        NEXT_QUARTER: () => quarterRange(now, 1),
        LAST_FISCAL_QUARTER: () => quarterRange(now, -1),
        THIS_FISCAL_QUARTER: () => quarterRange(now, 0),
        NEXT_FISCAL_QUARTER: () => quarterRange(now, 1),
        LAST_YEAR: () => yearRange(now, -1),
        THIS_YEAR: () => yearRange(now, 0),
        NEXT_YEAR: () => yearRange(now, 1),
        LAST_FISCAL_YEAR: () => yearRange(now, -1),
        THIS_FISCAL_YEAR: () => yearRange(now, 0),
        NEXT_FISCAL_YEAR: () => yearRange(now, 1),
        LAST_N_DAYS: () => ({ start: today - n * DAY, end: today + DAY }),
        NEXT_N_DAYS: () => ({ start: today + DAY, end: today + (n + 1) * DAY }),
        N_DAYS_AGO: () => ({
            start: today - n * DAY,
            end: today - (n - 1) * DAY
        }),
        LAST_N_WEEKS: () => weekRange(now, -n, n),
        NEXT_N_WEEKS: () => weekRange(now, 1, n),
        N_WEEKS_AGO: () => weekRange(now, -n),
        LAST_N_MONTHS: () => monthRange(now, -n, n),
        NEXT_N_MONTHS: () => monthRange(now, 1, n),
        N_MONTHS_AGO: () => monthRange(now, -n),
        LAST_N_QUARTERS: () => quarterRange(now, -n, n),
        NEXT_N_QUARTERS: () => quarterRange(now, 1, n),
        N_QUARTERS_AGO: () => quarterRange(now, -n),
        LAST_N_FISCAL_QUARTERS: () => quarterRange(now, -n, n),
        NEXT_N_FISCAL_QUARTERS: () => quarterRange(now, 1, n),
        N_FISCAL_QUARTERS_AGO: () => quarterRange(now, -n),
        LAST_N_YEARS: () => yearRange(now, -n, n),
        NEXT_N_YEARS: () => yearRange(now, 1, n),
        N_YEARS_AGO: () => yearRange(now, -n),
        LAST_N_FISCAL_YEARS: () => yearRange(now, -n, n),
        NEXT_N_FISCAL_YEARS: () => yearRange(now, 1, n),
        N_FISCAL_YEARS_AGO: () => yearRange(now, -n)
    };
    const make = fixed[name];
    if (!make || Number.isNaN(n)) {
        return undefined;
    }
    return make();
}
