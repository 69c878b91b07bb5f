// The portal preview's entry: synthetic shadow first (as in Lightning Experience, where SLDS
// classes in component templates style them), then the real casePortal component.
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import CasePortal from 'c/casePortal';

const element = createElement('c-case-portal', { is: CasePortal });
document.getElementById('portal').appendChild(element);
