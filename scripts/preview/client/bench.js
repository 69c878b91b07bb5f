// Benchmark page: lightning-datatable with the same rows as the portal's list (see
// scripts/bench/portal.ts, which times it from navigation start).
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import DatatableBench from 'preview/datatableBench';

const element = createElement('preview-datatable-bench', {
    is: DatatableBench
});
document.getElementById('portal').appendChild(element);
