// In-memory tables of records, with an undo journal so that a failed call (allOrNone,
// a rule that throws half-way) leaves nothing behind.

import type { SObjectRecord } from '../schema/types';

type Table = Map<string, SObjectRecord>;

export class Store {
    private readonly live = new Map<string, Table>();
    private readonly recycleBin = new Map<string, Table>();
    private journal: Array<() => void> = [];
    private depth = 0;

    private table(tables: Map<string, Table>, objectName: string): Table {
        let table = tables.get(objectName);
        if (!table) {
            table = new Map();
            tables.set(objectName, table);
        }
        return table;
    }

    get(objectName: string, id: string): SObjectRecord | undefined {
        return this.live.get(objectName)?.get(id);
    }

    getDeleted(objectName: string, id: string): SObjectRecord | undefined {
        return this.recycleBin.get(objectName)?.get(id);
    }

    rows(objectName: string, includeDeleted = false): SObjectRecord[] {
        const rows = [...(this.live.get(objectName)?.values() ?? [])];
        if (includeDeleted) {
            rows.push(...(this.recycleBin.get(objectName)?.values() ?? []));
        }
        return rows;
    }

    insert(objectName: string, record: SObjectRecord): void {
        const id = String(record.Id);
        const table = this.table(this.live, objectName);
        table.set(id, { ...record });
        this.record(() => table.delete(id));
    }

    update(objectName: string, id: string, changes: SObjectRecord): void {
        const table = this.table(this.live, objectName);
        const previous = table.get(id);
        if (!previous) {
            throw new Error(`No ${objectName} ${id}`);
        }
        table.set(id, { ...previous, ...changes });
        this.record(() => table.set(id, previous));
    }

    /** Removes a live record; kept in the recycle bin (IsDeleted = true) when asked. */
    remove(objectName: string, id: string, keepDeleted: boolean): void {
        const table = this.table(this.live, objectName);
        const previous = table.get(id);
        if (!previous) {
            return;
        }
        table.delete(id);
        const bin = this.table(this.recycleBin, objectName);
        if (keepDeleted) {
            bin.set(id, { ...previous, IsDeleted: true });
        }
        this.record(() => {
            bin.delete(id);
            table.set(id, previous);
        });
    }

    /**
     * Runs `work` so that it either completes or leaves the store as it found it.
     * Nested calls join the outer one but still undo their own part on failure.
     */
    atomic<T>(work: () => T): T {
        const mark = this.journal.length;
        this.depth++;
        try {
            return work();
        } catch (error) {
            this.rollbackTo(mark);
            throw error;
        } finally {
            this.depth--;
            if (this.depth === 0) {
                this.journal = [];
            }
        }
    }

    /**
     * Opens a transaction that spans awaits (Composite API): changes are journaled until
     * the matching end(), so rollbackTo() can undo them.
     */
    begin(): number {
        this.depth++;
        return this.journal.length;
    }

    end(): void {
        this.depth--;
        if (this.depth === 0) {
            this.journal = [];
        }
    }

    /** A point to roll back to inside atomic(). */
    savepoint(): number {
        return this.journal.length;
    }

    rollbackTo(mark: number): void {
        while (this.journal.length > mark) {
            const undo = this.journal.pop();
            undo?.();
        }
    }

    private record(undo: () => void): void {
        if (this.depth > 0) {
            this.journal.push(undo);
        }
    }
}
