// Jest stand-in for @salesforce/customPermission/Case_Portal_Close_Own_Case: granted. A test denies it with
// jest.mock('@salesforce/customPermission/Case_Portal_Close_Own_Case', () => ({ default: false }), { virtual: true }).
export default true;
