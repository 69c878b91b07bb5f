// Accessibility fixture: violations on purpose, two shadow trees deep, to prove axe-core sees
// inside synthetic shadow before a clean report is trusted.
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import AxeFixture from 'preview/axeFixture';

const element = createElement('preview-axe-fixture', { is: AxeFixture });
document.getElementById('portal').appendChild(element);
