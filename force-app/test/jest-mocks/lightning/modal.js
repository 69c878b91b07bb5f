// Jest stand-in for lightning/modal, which @salesforce/sfdx-lwc-jest does not stub.
// Map it in jest.config.js: '^lightning/modal$': '<rootDir>/force-app/test/jest-mocks/lightning/modal'
import { LightningElement, api } from 'lwc';

/**
 * A LightningModal subclass renders its template like any component here. `close(result)` fires a
 * `close` event carrying the result, so tests can see what the dialog returned. `open` resolves
 * to undefined: tests of components that open a dialog mock that dialog's module instead.
 */
export default class LightningModal extends LightningElement {
    @api label;
    @api size;
    @api description;

    /** Set by the dialog while it saves; the real modal then refuses to close. */
    disableClose = false;

    static open() {
        return Promise.resolve(undefined);
    }

    close(result) {
        this.dispatchEvent(new CustomEvent('close', { detail: result }));
    }
}
