// Jest stand-in for @salesforce/customPermission/Case_Portal_Read_Reply_Own_Cases: granted. A test denies it with
// jest.mock('@salesforce/customPermission/Case_Portal_Read_Reply_Own_Cases', () => ({ default: false }), { virtual: true }).
export default true;
