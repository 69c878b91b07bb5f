/**
 * Metadata API types and elements that jsforce's bundled schema lacks, in jsforce's format:
 * a prop is 'string' | 'boolean' | 'number' | a type name, '?' in front when optional, wrapped
 * in an array when repeatable (repeatable props are optional). The lead's schema merges these
 * into jsforce's (props of an existing type are added to, not replacing, jsforce's).
 *
 * Sources, per entry: the Metadata API Developer Guide page named in the comment (API 66.0/67.0
 * text) and, where the guide lags behind, the Metadata WSDL as shipped in the generated typings
 * of `@salesforce/types` (lib/metadata.d.ts, installed with source-deploy-retrieve). Enumerations
 * are typed 'string': the validator checks names and shapes, not enum values.
 */
export const EXTRA_SCHEMA: Record<
    string,
    { type: string; props: Record<string, string | string[]>; extends?: string }
> = {
    // Metadata API Developer Guide, "CustomPermission": isLicensed (API 31.0 and later).
    // externalClientApplication: Metadata WSDL (@salesforce/types CustomPermission).
    CustomPermission: {
        type: 'CustomPermission',
        props: {
            isLicensed: '?boolean',
            externalClientApplication: '?string'
        }
    },

    // Metadata API Developer Guide, "PermissionSetGroup": hasActivationRequired (API 53.0 and later).
    PermissionSetGroup: {
        type: 'PermissionSetGroup',
        props: { hasActivationRequired: '?boolean' }
    },

    // Metadata API Developer Guide, "ConnectedApp": oauthPolicy and sessionPolicy (API 49.0 and later).
    ConnectedApp: {
        type: 'ConnectedApp',
        props: {
            oauthPolicy: '?ConnectedAppOauthPolicy',
            sessionPolicy: '?ConnectedAppSessionPolicy'
        }
    },

    // Metadata API Developer Guide, "ConnectedApp" > ConnectedAppOauthConfig: the fields added after
    // the WSDL jsforce was generated from (API 46.0 to 60.0); isDPopEnabled, isDeviceFlowEnabled,
    // isEnforceRefreshTokenTTL, isIpBindingEnabled and isPKImTLSEnabled from the Metadata WSDL
    // (@salesforce/types ConnectedAppOauthConfig).
    ConnectedAppOauthConfig: {
        type: 'ConnectedAppOauthConfig',
        props: {
            assetTokenConfig: '?ConnectedAppOauthAssetToken',
            isClientCredentialEnabled: '?boolean',
            isCodeCredentialEnabled: '?boolean',
            isCodeCredentialPostOnly: '?boolean',
            isConsumerSecretOptional: '?boolean',
            isDPopEnabled: '?boolean',
            isDeviceFlowEnabled: '?boolean',
            isEnforceRefreshTokenTTL: '?boolean',
            isIntrospectAllTokens: '?boolean',
            isIpBindingEnabled: '?boolean',
            isNamedUserJwtEnabled: '?boolean',
            isPKImTLSEnabled: '?boolean',
            isPkceRequired: '?boolean',
            isRefreshTokenRotationEnabled: '?boolean',
            isSecretRequiredForRefreshToken: '?boolean',
            isSecretRequiredForTokenExchange: '?boolean',
            isTokenExchangeEnabled: '?boolean',
            oauthClientCredentialUser: '?string'
        }
    },

    // Metadata API Developer Guide, "ConnectedApp" > ConnectedAppOauthAssetToken (API 49.0 and later).
    ConnectedAppOauthAssetToken: {
        type: 'ConnectedAppOauthAssetToken',
        props: {
            assetAudiences: 'string',
            assetIncludeAttributes: 'boolean',
            assetIncludeCustomPerms: 'boolean',
            assetSigningCertId: 'string',
            assetValidityPeriod: 'number'
        }
    },

    // Metadata API Developer Guide, "ConnectedApp" > ConnectedAppOauthPolicy (API 49.0 and later);
    // isTokenExchangeFlowEnabled from the Metadata WSDL (@salesforce/types ConnectedAppOauthPolicy).
    ConnectedAppOauthPolicy: {
        type: 'ConnectedAppOauthPolicy',
        props: {
            ipRelaxation: 'string',
            isTokenExchangeFlowEnabled: '?boolean',
            refreshTokenPolicy: 'string',
            singleLogoutUrl: '?string'
        }
    },

    // Metadata API Developer Guide, "ConnectedApp" > ConnectedAppSessionPolicy (API 49.0 and later).
    ConnectedAppSessionPolicy: {
        type: 'ConnectedAppSessionPolicy',
        props: {
            policyAction: '?string',
            sessionLevel: '?string',
            sessionTimeout: '?number'
        }
    },

    // Metadata API Developer Guide, "ExternalClientApplication" (API 59.0 and later).
    ExternalClientApplication: {
        type: 'ExternalClientApplication',
        extends: 'Metadata',
        props: {
            contactEmail: '?string',
            contactPhone: '?string',
            description: '?string',
            distributionState: '?string',
            iconUrl: '?string',
            infoUrl: '?string',
            isProtected: '?boolean',
            label: '?string',
            logoUrl: '?string',
            managedType: '?string',
            orgScopedExternalApp: '?string'
        }
    },

    // Metadata API Developer Guide, "ExtlClntAppOauthSettings" (API 59.0 and later);
    // commaSeparatedCustomScopes from the Metadata WSDL (@salesforce/types ExtlClntAppOauthSettings).
    ExtlClntAppOauthSettings: {
        type: 'ExtlClntAppOauthSettings',
        extends: 'Metadata',
        props: {
            areAttributesIncludedInAssetToken: '?boolean',
            areCustomPermsIncludedInAssetToken: '?boolean',
            assetTokenAudiences: '?string',
            assetTokenSigningCertificate: '?string',
            assetTokenValidity: '?number',
            clientAssertionCertificate: '?string',
            commaSeparatedCustomScopes: '?string',
            commaSeparatedOauthScopes: '?string',
            customAttributes: ['ExtlClntAppOauthSettingsAttribute'],
            externalClientApplication: 'string',
            isFirstPartyAppEnabled: '?boolean',
            label: '?string',
            oauthLink: '?string',
            singleLogoutUrl: '?string',
            trustedIpRanges: ['ExtlClntAppOauthIpRange']
        }
    },

    // Metadata API Developer Guide, "ExtlClntAppOauthSettings" > ExtlClntAppOauthSettingsAttribute.
    ExtlClntAppOauthSettingsAttribute: {
        type: 'ExtlClntAppOauthSettingsAttribute',
        props: { formula: 'string', key: 'string' }
    },

    // Metadata API Developer Guide, "ExtlClntAppOauthSettings" > ExtlClntAppOauthIpRange.
    ExtlClntAppOauthIpRange: {
        type: 'ExtlClntAppOauthIpRange',
        props: {
            description: '?string',
            endIpAddress: 'string',
            startIpAddress: 'string'
        }
    },

    // Metadata API Developer Guide, "ExtlClntAppOauthConfigurablePolicies" (API 59.0 and later).
    ExtlClntAppOauthConfigurablePolicies: {
        type: 'ExtlClntAppOauthConfigurablePolicies',
        extends: 'Metadata',
        props: {
            apexHandler: '?string',
            clientCredentialsFlowUser: '?string',
            commaSeparatedCustomScopes: '?string',
            commaSeparatedPermissionSet: '?string',
            commaSeparatedProfile: '?string',
            customAttributes: ['ExtlClntAppOauthPoliciesAttribute'],
            executeHandlerAs: '?string',
            externalClientApplication: 'string',
            guestJwtSessionTimeoutType: '?string',
            guestJwtTimeout: '?number',
            ipRelaxationPolicyType: '?string',
            isClientCredentialsFlowEnabled: '?boolean',
            isGuestCodeCredFlowEnabled: '?boolean',
            isNamedUserJwtEnabled: '?boolean',
            isTokenExchangeFlowEnabled: '?boolean',
            label: '?string',
            namedUserJwtSessionTimeoutType: '?string',
            namedUserJwtTimeout: '?number',
            permittedUsersPolicyType: '?string',
            policyAction: '?string',
            refreshTokenPolicyType: '?string',
            refreshTokenValidityPeriod: '?number',
            refreshTokenValidityUnit: '?string',
            requiredSessionLevel: '?string',
            sessionTimeoutInMinutes: '?number',
            singleLogoutUrl: '?string',
            startUrl: '?string'
        }
    },

    // Metadata API Developer Guide, "ExtlClntAppOauthConfigurablePolicies" > ExtlClntAppOauthPoliciesAttribute.
    ExtlClntAppOauthPoliciesAttribute: {
        type: 'ExtlClntAppOauthPoliciesAttribute',
        props: { formula: 'string', key: 'string' }
    },

    // Metadata API Developer Guide, "ExtlClntAppConfigurablePolicies" (API 60.0 and later);
    // isAttestPluginEnabled from the Metadata WSDL (@salesforce/types ExtlClntAppConfigurablePolicies).
    ExtlClntAppConfigurablePolicies: {
        type: 'ExtlClntAppConfigurablePolicies',
        extends: 'Metadata',
        props: {
            externalClientApplication: 'string',
            isAttestPluginEnabled: '?boolean',
            isCanvasPluginEnabled: '?boolean',
            isEnabled: 'boolean',
            isMobilePluginEnabled: '?boolean',
            isNotificationPluginEnabled: '?boolean',
            isOauthPluginEnabled: '?boolean',
            isPushPluginEnabled: '?boolean',
            isSamlPluginEnabled: '?boolean',
            label: '?string',
            startPage: '?string',
            startUrl: '?string'
        }
    },

    // Metadata API Developer Guide, "ExtlClntAppGlobalOauthSettings" (API 59.0 and later);
    // isDPopEnabled, isEnforceRefreshTokenTTL and isMtlsEnabled from the Metadata WSDL
    // (@salesforce/types ExtlClntAppGlobalOauthSettings).
    ExtlClntAppGlobalOauthSettings: {
        type: 'ExtlClntAppGlobalOauthSettings',
        extends: 'Metadata',
        props: {
            callbackUrl: '?string',
            certificate: '?string',
            consumerKey: '?string',
            consumerSecret: '?string',
            externalClientApplication: 'string',
            idTokenConfig: '?ExternalAppIdTokenConfig',
            isClientCredentialsFlowEnabled: '?boolean',
            isCodeCredFlowEnabled: '?boolean',
            isCodeCredPostOnly: '?boolean',
            isConsumerSecretOptional: '?boolean',
            isDPopEnabled: '?boolean',
            isDeviceFlowEnabled: '?boolean',
            isEnforceRefreshTokenTTL: '?boolean',
            isIntrospectAllTokens: '?boolean',
            isMtlsEnabled: '?boolean',
            isNamedUserJwtEnabled: '?boolean',
            isPkceRequired: '?boolean',
            isRefreshTokenRotationEnabled: '?boolean',
            isSecretRequiredForRefreshToken: '?boolean',
            isSecretRequiredForTokenExchange: '?boolean',
            isTokenExchangeEnabled: '?boolean',
            label: '?string',
            shouldRotateConsumerKey: '?boolean',
            shouldRotateConsumerSecret: '?boolean'
        }
    },

    // Metadata API Developer Guide, "ExtlClntAppGlobalOauthSettings" > ExternalAppIdTokenConfig;
    // idTokenIncludeCustomPermissions from the Metadata WSDL (@salesforce/types ExternalAppIdTokenConfig).
    ExternalAppIdTokenConfig: {
        type: 'ExternalAppIdTokenConfig',
        props: {
            idTokenAudience: '?string',
            idTokenIncludeAttributes: '?boolean',
            idTokenIncludeCustomPermissions: '?boolean',
            idTokenIncludeStandardClaims: '?boolean',
            idTokenValidityInMinutes: '?number'
        }
    }
};
