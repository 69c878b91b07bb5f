// A closed @salesforce/gate/*: bc.260.enableComboboxElementInternals makes lightning-combobox
// throw under synthetic shadow, so the preview keeps that gate closed.
export default { isOpen: () => false };
