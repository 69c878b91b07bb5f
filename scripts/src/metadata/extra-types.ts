// Metadata API types and elements that jsforce's bundled schema lacks (filled in with the ECA types).
export const EXTRA_SCHEMA: Record<
    string,
    { type: string; props: Record<string, string | string[]>; extends?: string }
> = {
    // Metadata API Developer Guide, "CustomPermission": isLicensed (API 31.0 and later).
    CustomPermission: {
        type: 'CustomPermission',
        props: { isLicensed: '?boolean' }
    }
};
