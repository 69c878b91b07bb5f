import { LightningElement } from 'lwc';
import { createApexMethod } from '../../../apex';

const getMyCases = createApexMethod('CasePortalController', 'getMyCases', true);
const DATE_FORMAT = new Intl.DateTimeFormat('en-US', {
    dateStyle: 'medium',
    timeStyle: 'short'
});

/**
 * Benchmark only: lightning-datatable with the portal list's columns, fed by the same getMyCases
 * call (one page of the query string's pageSize).
 */
export default class DatatableBench extends LightningElement {
    columns = [
        { label: 'Case number', fieldName: 'caseNumber' },
        { label: 'Subject', fieldName: 'subject', wrapText: true },
        { label: 'Status', fieldName: 'statusLabel' },
        { label: 'Priority', fieldName: 'priorityLabel' },
        { label: 'Updated', fieldName: 'updated' }
    ];

    rows = [];

    connectedCallback() {
        getMyCases({
            filter: {
                status: 'all',
                sortBy: 'CreatedDate',
                sortDirection: 'DESC'
            }
        }).then((page) => {
            this.rows = page.cases.map((c) => ({
                recordId: c.recordId,
                caseNumber: c.caseNumber,
                subject: c.subject,
                statusLabel: c.statusLabel,
                priorityLabel: c.priorityLabel,
                updated: DATE_FORMAT.format(new Date(c.lastModifiedDate))
            }));
        });
    }
}
