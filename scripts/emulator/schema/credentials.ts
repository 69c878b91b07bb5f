// The sObjects the credential commands read: OauthToken. UserLogin (IsFrozen) is a standard
// object in standard-objects.ts.
//
// OauthToken (Object Reference for the Salesforce Platform, "OauthToken"; Field Reference,
// "OauthToken"): API 32.0+, supported calls describeSObjects() and query() only: no create,
// update or delete through the API; a token is revoked through the OAuth revoke endpoint with
// its DeleteToken ("Usage"). Users with Customize Application see every user's tokens, others
// only their own (not emulated: the emulator's session is the admin's). Fields as documented:
// AccessToken ("The refresh token for authorization"), AppMenuItemId, AppName (the label of the
// connected app), CreatedDate, DeleteToken, LastUsedDate, RequestToken, UseCount, UserId.
// Salesforce documents Id as "reserved for future use, currently always null"; the emulator's
// rows carry an id of its own (prefix 0CX, not Salesforce's) and the kit never selects it.

import { field, lookup, readOnly, systemFields } from './fields';
import { objectDef } from './standard-objects';
import type { ObjectDef } from './types';

export function credentialObjects(): ObjectDef[] {
    return [
        objectDef(
            'OauthToken',
            '0CX',
            [
                ...systemFields(false),
                readOnly('CreatedDate', 'datetime', { system: true }),
                readOnly('AccessToken', 'string', { length: 255 }),
                // AppMenuItem is not emulated: a bare reference, no relationship.
                readOnly('AppMenuItemId', 'reference', {
                    label: 'AppMenuItem ID'
                }),
                readOnly('AppName', 'string', {
                    length: 255,
                    label: 'Application Name'
                }),
                readOnly('DeleteToken', 'string', { length: 255 }),
                readOnly('LastUsedDate', 'datetime'),
                readOnly('RequestToken', 'string', { length: 255 }),
                field('UseCount', 'int', {
                    createable: false,
                    updateable: false
                }),
                lookup('UserId', ['User'], 'User', {
                    createable: false,
                    updateable: false,
                    label: 'User ID'
                })
            ],
            {
                createable: false,
                updateable: false,
                deletable: false,
                label: 'OAuth Token'
            }
        )
    ];
}
