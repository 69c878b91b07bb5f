import type { PropType } from './schema';

/**
 * Where `@salesforce/types` (lib/metadata.d.ts, generated from the current Metadata WSDL) is
 * silent or stricter than a deploy: merged over it by schema.ts. Every entry cites its source: a
 * Metadata API Developer Guide page, or a public Salesforce project that deploys the file in its
 * own CI (trailheadapps sample apps). Anything without a source stays out.
 *
 * jsforce-era entries (ConnectedApp OAuth config and policies, the External Client App types,
 * CustomPermission, PermissionSetGroup) are all in @salesforce/types 1.9.0 and were dropped, as was
 * ExtlClntAppOauthConfigurablePolicies `isNamedUserJwtEnabled`, which neither the WSDL typings nor
 * the guide's ExtlClntAppOauthConfigurablePolicies page lists.
 */
const optionalBoolean: PropType = {
    base: 'boolean',
    optional: true,
    repeatable: false
};

/** Elements the WSDL typings lack, per type. */
export const EXTRA_SCHEMA: Record<
    string,
    { props: Record<string, PropType>; extends?: string[] }
> = {
    // Metadata API Developer Guide, "CustomField" (displayLocationInDecimal, geolocation fields);
    // deployed by trailheadapps/dreamhouse-lwc objects/Property__c/fields/Location__c.field-meta.xml.
    CustomField: { props: { displayLocationInDecimal: optionalBoolean } },
    // Deployed by trailheadapps/ebikes-lwc sites/E_Bikes.site-meta.xml and trailheadapps/coral-cloud
    // cc-site/main/default/sites/Coral_Cloud.site-meta.xml (both written by a retrieve).
    CustomSite: { props: { allowGuestPaymentsApi: optionalBoolean } }
};

/** Enumeration values the WSDL typings lack. */
export const EXTRA_ENUM_VALUES: Record<string, string[]> = {
    // Experience Cloud sites: CustomSite `siteType` ChatterNetwork and ExperienceBundle `type`
    // ChatterNetworkPicasso, as retrieved and deployed by trailheadapps/ebikes-lwc
    // (sites/E_Bikes.site-meta.xml, experiences/E_Bikes1.site-meta.xml) and trailheadapps/coral-cloud.
    SiteType: ['ChatterNetwork', 'ChatterNetworkPicasso']
};

/**
 * `Type.element` the WSDL marks required (minOccurs 1) that deploys without, each seen in a
 * public project that deploys it: the server applies the default.
 */
export const OPTIONAL_IN_PRACTICE: Record<string, string> = {
    'CustomPermission.isLicensed':
        'trailheadapps/lwc-recipes customPermissions/accessRestrictedUIPermission.customPermission-meta.xml',
    'GenAiPluginInstructionDef.sortOrder':
        'trailheadapps/coral-cloud cc-service-app/main/default/genAiPlugins/Verified_Customer_Support.genAiPlugin-meta.xml',
    'EmbeddedServiceMessagingChannel.shouldShowAgentforceTagline':
        'trailheadapps/coral-cloud cc-service-app/main/default/EmbeddedServiceConfig/Agent_Web_Deployment.EmbeddedServiceConfig-meta.xml'
};
