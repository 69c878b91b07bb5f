// Loads the repo's metadata at start, in dependency order, as a deploy would; any
// problem a deploy would refuse stops the load with the file and the reason.

import path from 'node:path';
import type { Org } from '../org/org';
import {
    deployApexClass,
    deployConnectedApp,
    deployCustomPermission,
    deployExternalClientAppPolicy,
    deployOAuthApp,
    preAuthorizeConnectedApp
} from './apps';
import { loadCustomMetadataRecords, loadCustomObjects } from './custom-objects';
import { componentName, walk, withSuffix } from './files';
import {
    deployMutingPermissionSet,
    deployPermissionSet,
    deployPermissionSetGroup
} from './permission-sets';
import { deployApexPage, deployProfileTabs } from './tabs-and-pages';
import { readMetadata, type XmlNode } from '../../shared/metadata-xml';

export class MetadataDeployError extends Error {
    constructor(readonly problems: string[]) {
        super(
            `Metadata could not be loaded:\n${problems.map((problem) => `  ${problem}`).join('\n')}`
        );
        this.name = 'MetadataDeployError';
    }
}

export interface LoadSummary {
    files: number;
    permissionSets: string[];
    permissionSetGroups: string[];
    mutingPermissionSets: string[];
    customPermissions: string[];
    apexClasses: string[];
    apexPages: string[];
    oauthApps: string[];
    /** Profiles whose file was read (tab visibilities only; see tabs-and-pages.ts). */
    profiles: string[];
}

interface Step {
    suffix: string;
    root: string;
    deploy(org: Org, name: string, xml: XmlNode): void;
    collect?: keyof Omit<LoadSummary, 'files'>;
}

const STEPS: Step[] = [
    {
        suffix: '.cls-meta.xml',
        root: 'ApexClass',
        deploy: deployApexClass,
        collect: 'apexClasses'
    },
    {
        suffix: '.page-meta.xml',
        root: 'ApexPage',
        deploy: deployApexPage,
        collect: 'apexPages'
    },
    {
        suffix: '.customPermission-meta.xml',
        root: 'CustomPermission',
        deploy: deployCustomPermission,
        collect: 'customPermissions'
    },
    {
        suffix: '.eca-meta.xml',
        root: 'ExternalClientApplication',
        deploy: (org, name, xml) => void deployOAuthApp(org, name, xml, false),
        collect: 'oauthApps'
    },
    {
        suffix: '.connectedApp-meta.xml',
        root: 'ConnectedApp',
        deploy: deployConnectedApp,
        collect: 'oauthApps'
    },
    {
        suffix: '.permissionset-meta.xml',
        root: 'PermissionSet',
        deploy: deployPermissionSet,
        collect: 'permissionSets'
    },
    {
        suffix: '.profile-meta.xml',
        root: 'Profile',
        deploy: deployProfileTabs,
        collect: 'profiles'
    },
    {
        suffix: '.mutingpermissionset-meta.xml',
        root: 'MutingPermissionSet',
        deploy: deployMutingPermissionSet,
        collect: 'mutingPermissionSets'
    },
    {
        suffix: '.permissionsetgroup-meta.xml',
        root: 'PermissionSetGroup',
        deploy: deployPermissionSetGroup,
        collect: 'permissionSetGroups'
    },
    {
        suffix: '.connectedApp-meta.xml',
        root: 'ConnectedApp',
        deploy: preAuthorizeConnectedApp
    },
    {
        suffix: '.ecaOauthPlcy-meta.xml',
        root: 'ExtlClntAppOauthConfigurablePolicies',
        deploy: (org, _name, xml) => deployExternalClientAppPolicy(org, xml)
    }
];

export function loadMetadata(org: Org, dirs: string[]): LoadSummary {
    const files = dirs.flatMap((dir) => walk(path.resolve(dir)));
    const summary: LoadSummary = {
        files: 0,
        permissionSets: [],
        permissionSetGroups: [],
        mutingPermissionSets: [],
        customPermissions: [],
        apexClasses: [],
        apexPages: [],
        oauthApps: [],
        profiles: []
    };
    const problems = loadCustomObjects(org, files);
    if (problems.length > 0) {
        org.warnings.push(...problems);
    }
    try {
        loadCustomMetadataRecords(org, files);
    } catch (error) {
        throw new MetadataDeployError([
            `custom metadata records: ${(error as Error).message}`
        ]);
    }
    const failures: string[] = [];
    org.store.atomic(() => {
        for (const step of STEPS) {
            for (const file of withSuffix(files, step.suffix)) {
                const name = componentName(file, step.suffix);
                try {
                    step.deploy(org, name, readMetadata(file, step.root));
                    summary.files++;
                    if (step.collect) {
                        summary[step.collect].push(name);
                    }
                } catch (error) {
                    failures.push(
                        `${path.relative(process.cwd(), file)}: ${(error as Error).message}`
                    );
                }
            }
        }
        if (failures.length > 0) {
            throw new MetadataDeployError(failures);
        }
    });
    return summary;
}
