// Jest stand-in for @salesforce/customPermission/Case_Portal_Create_Case: granted. A test denies it with
// jest.mock('@salesforce/customPermission/Case_Portal_Create_Case', () => ({ default: false }), { virtual: true }).
export default true;
