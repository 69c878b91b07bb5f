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
    // `sf project deploy start` in the project's own CI (.github/workflows/deploy.and.test.yml)
    // deploys class meta files holding only <apiVersion>; the server defaults status to Active.
    'ApexClass.status':
        'apex-enterprise-patterns/fflib-apex-mocks sfdx-source/apex-mocks/main/classes/fflib_Match.cls-meta.xml',
    'CustomPermission.isLicensed':
        'trailheadapps/lwc-recipes customPermissions/accessRestrictedUIPermission.customPermission-meta.xml',
    'GenAiPluginInstructionDef.sortOrder':
        'trailheadapps/coral-cloud cc-service-app/main/default/genAiPlugins/Verified_Customer_Support.genAiPlugin-meta.xml',
    'EmbeddedServiceMessagingChannel.shouldShowAgentforceTagline':
        'trailheadapps/coral-cloud cc-service-app/main/default/EmbeddedServiceConfig/Agent_Web_Deployment.EmbeddedServiceConfig-meta.xml'
};

/**
 * Elements and values that the API 66 WSDL no longer has but that an older API version accepted:
 * a deploy runs at the project's sourceApiVersion (the version `sf project deploy start` puts in
 * the package.xml it sends), so a project at or below `upTo` may use them. `upTo` is the newest
 * version at which a public project deploys it in its own CI, or the documented last version.
 */
export interface LegacyEntry {
    upTo: number;
    source: string;
}

export const LEGACY_ELEMENTS: Record<string, LegacyEntry & { prop: PropType }> =
    {
        // The API 66 WSDL's FlexiPageRegion lists itemInstances, no componentInstances; a deploy at
        // API 49.0 refuses componentInstances (Salesforce Stack Exchange question 305221,
        // "Metadata deploy and push fails on FlexiPage componentInstances in API 49 (Summer '20)");
        // trailheadapps/dreaminvest-lwc (sourceApiVersion 48.0) deploys them in its scratch-org CI.
        'FlexiPageRegion.componentInstances': {
            upTo: 48,
            prop: {
                base: 'ComponentInstance',
                optional: true,
                repeatable: true
            },
            source: 'trailheadapps/dreaminvest-lwc force-app/main/default/flexipages/Loans.flexipage-meta.xml'
        },
        // Written by retrieves at API 44.0 and deployed by trailheadapps/purealoe and
        // trailheadapps/easy-spaces (sourceApiVersion 44.0, CircleCI `force:source:push`).
        'CustomTab.mobileReady': {
            upTo: 44,
            prop: optionalBoolean,
            source: 'trailheadapps/purealoe force-app/main/default/tabs/Bundle__c.tab-meta.xml'
        },
        // Written by retrieves at API 44.0 and deployed by trailheadapps/purealoe and easy-spaces
        // (sourceApiVersion 44.0). Change Data Capture selection moved to
        // PlatformEventChannelMember in API 47.0 (Metadata API Developer Guide,
        // "PlatformEventChannel"); where this element went is not documented in a page found
        // here, so only the version a project is seen deploying it at is accepted.
        'CustomObject.enableChangeDataCapture': {
            upTo: 44,
            prop: optionalBoolean,
            source: 'trailheadapps/purealoe force-app/main/default/objects/Bundle__c/Bundle__c.object-meta.xml'
        },
        // FlowActionCall `versionSegment` (beside nameSegment), written by Flow Builder: the API 66
        // WSDL has no such element (it has versionString). alexed1/LightningFlowComponents
        // flow_apps/FlowUtilities (sourceApiVersion 59.0) is released as a package from these
        // files (a package version build deploys them); no documentation page found here.
        'FlowActionCall.versionSegment': {
            upTo: 59,
            prop: { base: 'number', optional: true, repeatable: false },
            source: 'alexed1/LightningFlowComponents flow_apps/FlowUtilities/force-app/main/default/flows/Flow_OneView_Test_Sample.flow-meta.xml'
        }
    };

export const LEGACY_ENUM_VALUES: Record<
    string,
    LegacyEntry & { values: string[] }
> = {
    // Platform-event processes (processType CustomEvent) retrieved at API 44.0 carry
    // `<status>ACTIVE</status>`; trailheadapps/purealoe and easy-spaces deploy them at 44.0.
    FlowVersionStatus: {
        upTo: 44,
        values: ['ACTIVE'],
        source: 'trailheadapps/purealoe force-app/main/default/flows/Bundle_Ordered.flow-meta.xml'
    }
};
