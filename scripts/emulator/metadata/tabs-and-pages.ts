// Visualforce pages and tab settings from source-format metadata, as a deploy records them:
// ApexPage rows, and PermissionSetTabSetting rows under permission sets and the permission sets
// profiles own.
//
// The metadata values and the object's (see FIDELITY.md, "Tabs and Visualforce pages"):
// - PermissionSet `<tabSettings>` visibility is Visible, Available or None (Metadata API
//   Developer Guide, "PermissionSet", PermissionSetTabSetting; @salesforce/types
//   PermissionSetTabVisibility); Profile `<tabVisibilities>` is DefaultOn, DefaultOff or Hidden
//   (Metadata API, "Profile", ProfileTabVisibility; @salesforce/types TabVisibility).
// - The object has DefaultOff and DefaultOn only; a hidden tab has no row (Tooling API Reference,
//   "PermissionSetTabSetting", Visibility).
// - Salesforce Help, "Tab Settings", pairs the labels: permission set "Available" is profile
//   "Default Off", "Available and Visible" (metadata Visible) is "Default On", "None" is "Tab
//   Hidden". So Visible → DefaultOn, Available → DefaultOff, None and Hidden → no row.

import type { Org } from '../org/org';
import type { TabVisibilityValue } from '../schema/tabs-and-pages';
import { children, flag, text, type XmlNode } from '../../shared/metadata-xml';

const SYSTEM = { system: true } as const;

/** Metadata visibility → the object's Visibility; null: no row (hidden). */
const VISIBILITY: Record<string, TabVisibilityValue | null> = {
    Visible: 'DefaultOn',
    Available: 'DefaultOff',
    None: null,
    DefaultOn: 'DefaultOn',
    DefaultOff: 'DefaultOff',
    Hidden: null
};
const PERMISSION_SET_VALUES = ['Visible', 'Available', 'None'];
const PROFILE_VALUES = ['DefaultOn', 'DefaultOff', 'Hidden'];

function visibilityOf(
    value: string | undefined,
    allowed: string[],
    element: string,
    tab: string
): TabVisibilityValue | null {
    if (value === undefined || !allowed.includes(value)) {
        throw new Error(
            `${element} ${tab}: visibility ${value ?? '(none)'} is not one of ${allowed.join(', ')}`
        );
    }
    return VISIBILITY[value] ?? null;
}

/** Sets a tab's row under a parent: created, updated, or deleted when hidden. */
function putTabSetting(
    org: Org,
    parentId: string,
    tab: string,
    visibility: TabVisibilityValue | null
): void {
    const existing = org.first(
        'PermissionSetTabSetting',
        (row) => row.ParentId === parentId && row.Name === tab
    );
    if (visibility === null) {
        if (existing) {
            org.dml.delete(
                'PermissionSetTabSetting',
                String(existing.Id),
                SYSTEM
            );
        }
        return;
    }
    if (existing) {
        org.dml.update(
            'PermissionSetTabSetting',
            String(existing.Id),
            { Visibility: visibility },
            SYSTEM
        );
        return;
    }
    org.dml.create(
        'PermissionSetTabSetting',
        { ParentId: parentId, Name: tab, Visibility: visibility },
        SYSTEM
    );
}

/** A permission set's `<tabSettings>` (Visible, Available, None). */
export function deployTabSettings(
    org: Org,
    parentId: string,
    xml: XmlNode
): void {
    for (const setting of children(xml, 'tabSettings')) {
        const tab = text(setting, 'tab') ?? '';
        putTabSetting(
            org,
            parentId,
            tab,
            visibilityOf(
                text(setting, 'visibility'),
                PERMISSION_SET_VALUES,
                'tabSettings',
                tab
            )
        );
    }
}

/**
 * A profile's `<tabVisibilities>` (DefaultOn, DefaultOff, Hidden), on the permission set the
 * profile owns. Only profiles the emulator seeds are matched, by Name; creating a profile, and
 * the other profile settings, are not emulated (a warning says so).
 */
export function deployProfileTabs(org: Org, name: string, xml: XmlNode): void {
    const profile = org.first('Profile', (row) => row.Name === name);
    const owned = profile
        ? org.first(
              'PermissionSet',
              (set) =>
                  set.IsOwnedByProfile === true && set.ProfileId === profile.Id
          )
        : undefined;
    if (!owned) {
        org.warnings.push(
            `profile ${name}: no such profile in the emulator; its tab visibilities are not loaded (creating profiles is not emulated)`
        );
        return;
    }
    for (const setting of children(xml, 'tabVisibilities')) {
        const tab = text(setting, 'tab') ?? '';
        putTabSetting(
            org,
            String(owned.Id),
            tab,
            visibilityOf(
                text(setting, 'visibility'),
                PROFILE_VALUES,
                'tabVisibilities',
                tab
            )
        );
    }
}

/** A Visualforce page (`pages/Name.page-meta.xml`); its markup is not loaded. */
export function deployApexPage(org: Org, name: string, xml: XmlNode): void {
    org.dml.create(
        'ApexPage',
        {
            Name: name,
            MasterLabel: text(xml, 'label') ?? name,
            Description: text(xml, 'description') ?? null,
            ApiVersion: Number(text(xml, 'apiVersion') ?? '0'),
            IsAvailableInTouch: flag(xml, 'availableInTouch'),
            IsConfirmationTokenRequired: flag(xml, 'confirmationTokenRequired')
        },
        SYSTEM
    );
}
