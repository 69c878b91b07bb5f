import { validateApex } from '../../src/apex/validate';
import {
    DEFAULT,
    GREETING_LABEL,
    NS,
    XML,
    fixtureProject
} from './fixture-project';

/**
 * References in Apex that cannot compile, planted one at a time into the clean fixture project;
 * the valid references beside each must stay quiet. PMD (policy) is left out: it is not a deploy
 * check and starts a JVM.
 */
const CLASS = `${DEFAULT}/classes/Greeting.cls`;
const LABELS = GREETING_LABEL;

const greeting = (body: string): string => `public with sharing class Greeting {
    public class Reply {
    }
    public static String hello(String name) {
        // Label.Nothing in a comment and 'Label.Nothing' in a string are not code.
        String quoted = 'Label.Nothing Sample__c.Nothing__c';
        Reply reply = new Reply();
        Map<String, Object> values = new Map<String, Object>();
        Account account = new Account(Name = System.Label.Greeting);
        Sample__c sample = new Sample__c(Code__c = Label.greeting);
        Boolean allowed = FeatureManagement.checkPermission('Sample_Permission');
        Messaging.SingleEmailMessage mail = new Messaging.SingleEmailMessage();
${body}
        return 'Hello, ' + name;
    }
}
`;

const CASES = [
    {
        name: 'a custom label the project lacks',
        body: '        String text = System.Label.Greting;',
        element: 'Label.Greting',
        message: /no custom label "Greting"/,
        semantic: /Unknown field or type 'Greting' on 'System.Label'/
    },
    {
        name: 'a custom permission the project lacks',
        body: "        Boolean may = FeatureManagement.checkPermission('Sample_Permision');",
        element: "checkPermission('Sample_Permision')",
        message: /no custom permission "Sample_Permision"/,
        // A string argument: the compiler does not check it, only the kit does.
        semantic: /no custom permission "Sample_Permision"/
    },
    {
        name: 'a custom field the project lacks',
        body: '        Object code = sample.Cod__c;',
        element: 'Cod__c',
        message: /no custom object or field "Cod__c"/,
        semantic: /Cod__c/
    },
    {
        name: 'a custom object the project lacks',
        body: '        List<Sampel__c> rows = [SELECT Id FROM Sampel__c];',
        element: 'Sampel__c',
        message: /no custom object or field "Sampel__c"/,
        semantic: /Sampel__c/
    },
    {
        name: 'a class that exists nowhere',
        body: '        Object other = new Replly();',
        element: 'Replly',
        message: /new Replly: no such class.*\(nearest: reply\)/,
        semantic: /Replly/
    }
];

// apex-ls starts a JVM: a run takes a few seconds on these machines.
jest.setTimeout(120000);

describe('validate:apex references', () => {
    it('accepts valid references (labels, permissions, fields, standard and inner types)', async () => {
        const project = fixtureProject(undefined, {
            ...LABELS,
            [CLASS]: greeting('')
        });
        try {
            const withApexLs = await validateApex(project.dir, {
                policy: false
            });
            expect(withApexLs.findings).toEqual([]);
            const kitOnly = await validateApex(project.dir, {
                policy: false,
                semantic: false
            });
            expect(kitOnly.findings).toEqual([]);
        } finally {
            project.cleanup();
        }
    });

    it.each(CASES)(
        'rejects $name (apex-ls, as the org compiler would)',
        async ({ body, semantic }) => {
            const project = fixtureProject(undefined, {
                ...LABELS,
                [CLASS]: greeting(body)
            });
            try {
                const report = await validateApex(project.dir, {
                    policy: false
                });
                expect(report.semanticSkipped).toBeUndefined();
                expect(report.findings.length).toBeGreaterThan(0);
                for (const finding of report.findings) {
                    expect(finding).toMatchObject({ file: CLASS, line: 13 });
                    expect(finding.message).toMatch(semantic);
                }
            } finally {
                project.cleanup();
            }
        }
    );

    it.each(CASES)(
        "rejects $name without apex-ls too (the kit's own reference checks)",
        async ({ body, element, message }) => {
            const project = fixtureProject(undefined, {
                ...LABELS,
                [CLASS]: greeting(body)
            });
            try {
                const report = await validateApex(project.dir, {
                    policy: false,
                    semantic: false
                });
                // The planted line (13) is the only one reported (an object named twice there, twice).
                expect(report.findings.length).toBeGreaterThan(0);
                for (const finding of report.findings) {
                    expect(finding).toMatchObject({
                        file: CLASS,
                        line: 13,
                        element,
                        rule: 'apex-reference'
                    });
                    expect(finding.message).toMatch(message);
                }
            } finally {
                project.cleanup();
            }
        }
    );

    it('reports an undefined variable (apex-ls), which only a type checker sees', async () => {
        const project = fixtureProject(undefined, {
            ...LABELS,
            [CLASS]: greeting('        Integer total = undefinedCount + 1;')
        });
        try {
            const report = await validateApex(project.dir, { policy: false });
            expect(report.findings).toEqual([
                expect.objectContaining({
                    file: CLASS,
                    line: 13,
                    rule: 'apex-semantic',
                    message: expect.stringMatching(
                        /No variable or type found for 'undefinedCount'/
                    )
                })
            ]);
        } finally {
            project.cleanup();
        }
    });

    /**
     * False findings of the old regex rule on real projects (issue #24): a child relationship
     * read as a field (NebulaLogger's `LogEntries__r`), `new Object[]{...}` (fflib-apex-mocks'
     * fflib_Match), a local variable named `label` (purealoe's `probability.label`,
     * streaming-monitor's `label.replace(...)`). Each passes now and failed before.
     */
    const PARENT_FIELD = {
        [`${DEFAULT}/objects/Sample__c/fields/Account__c.field-meta.xml`]: `${XML}<CustomField ${NS}>
    <fullName>Account__c</fullName>
    <deleteConstraint>SetNull</deleteConstraint>
    <label>Account</label>
    <referenceTo>Account</referenceTo>
    <relationshipLabel>Samples</relationshipLabel>
    <relationshipName>Samples</relationshipName>
    <type>Lookup</type>
</CustomField>
`
    };

    const validBody = (
        body: string
    ): string => `public with sharing class Valid {
    private String label = 'a field named label';
    public Object run(String label) {
${body}
        return null;
    }
}
`;

    const FALSE_POSITIVES = [
        {
            name: "a child relationship name (the lookup field's relationshipName + __r)",
            body: `        for (Account parent : [SELECT Id, (SELECT Id FROM Samples__r) FROM Account]) {
            List<Sample__c> children = parent.Samples__r;
        }
        Sample__c child = [SELECT Account__r.Name FROM Sample__c LIMIT 1];
        String parentName = child.Account__r.Name;`
        },
        {
            name: 'an array initialiser new Object[]{...}',
            body: "        Object[] values = new Object[]{ 'a', 1 };\n        String[] names = new String[]{ 'b' };"
        },
        {
            name: 'a parameter, local variable and field named label',
            body: `        Boolean starts = label.startsWith('x');
        String other = label.replace('a', 'b');
        for (String text : new List<String>{ 'c' }) {
            String label2 = this.label.toUpperCase();
        }`
        }
    ];

    it.each(FALSE_POSITIVES)(
        'accepts $name (no apex-reference finding)',
        async ({ body }) => {
            const project = fixtureProject(undefined, {
                ...LABELS,
                ...PARENT_FIELD,
                [`${DEFAULT}/classes/Valid.cls`]: validBody(body)
            });
            try {
                const report = await validateApex(project.dir, {
                    policy: false,
                    semantic: false
                });
                expect(report.findings).toEqual([]);
            } finally {
                project.cleanup();
            }
        }
    );

    it('still rejects a relationship no field declares, and a label outside the scope of a variable named label', async () => {
        const project = fixtureProject(undefined, {
            ...LABELS,
            ...PARENT_FIELD,
            [`${DEFAULT}/classes/Invalid.cls`]: `public with sharing class Invalid {
    public static void scoped() {
        String label = 'local';
        Boolean starts = label.startsWith('x');
    }
    public static Object unscoped() {
        List<Account> rows = [SELECT Id, (SELECT Id FROM Sampels__r) FROM Account];
        return Label.startsWith;
    }
}
`
        });
        try {
            const report = await validateApex(project.dir, {
                policy: false,
                semantic: false
            });
            expect(report.findings).toEqual([
                expect.objectContaining({
                    line: 7,
                    element: 'Sampels__r',
                    rule: 'apex-reference',
                    message: expect.stringMatching(
                        /no relationship "Sampels__r".*relationshipName Sampels/
                    )
                }),
                expect.objectContaining({
                    line: 8,
                    element: 'Label.startsWith',
                    rule: 'apex-reference'
                })
            ]);
        } finally {
            project.cleanup();
        }
    });

    it("leaves another package's namespaced labels and fields alone and checks the project's namespace", async () => {
        const project = fixtureProject(undefined, {
            ...LABELS,
            'sfdx-project.json': JSON.stringify({
                packageDirectories: [{ path: 'force-app', default: true }],
                namespace: 'kit',
                sourceApiVersion: '66.0'
            }),
            [`${DEFAULT}/classes/Labels.cls`]: `public with sharing class Labels {
    public static List<String> texts() {
        return new List<String>{ Label.other.Anything, System.Label.kit.Greeting, Label.kit.Greting };
    }
    public static Object fields(kit__Sample__c row, other__Thing__c thing) {
        return row.kit__Code__c + row.kit__Cdoe__c;
    }
}
`
        });
        try {
            const report = await validateApex(project.dir, {
                policy: false,
                semantic: false
            });
            expect(report.findings).toEqual([
                expect.objectContaining({
                    line: 3,
                    element: 'Label.kit.Greting',
                    rule: 'apex-reference'
                }),
                expect.objectContaining({
                    line: 6,
                    element: 'kit__Cdoe__c',
                    rule: 'apex-reference'
                })
            ]);
        } finally {
            project.cleanup();
        }
    });

    it('reports what apex-ls does not know of the platform as unknown-to-checker notes, not errors', async () => {
        // Each line compiles in an org (sources in src/apex/platform-gaps.ts); apex-ls 6.0.2
        // reports each (its standard library lacks the type, member or subtype).
        const project = fixtureProject(undefined, {
            ...LABELS,
            [`${DEFAULT}/classes/Platform.cls-meta.xml`]: `${XML}<ApexClass ${NS}>
    <apiVersion>66.0</apiVersion>
    <status>Active</status>
</ApexClass>
`,
            [`${DEFAULT}/classes/Platform.cls`]: `public with sharing class Platform {
    public static Cache.Partition partition() {
        return Cache.Org.getPartition('local.Default');
    }
    public static Object cursor() {
        Database.PaginationCursor cursor = null;
        return cursor;
    }
    public static String packaged() {
        return System.Label.other.Anything;
    }
    public static void script() {
        try {
            System.debug('x');
        } catch (DataWeaveScriptException e) {
            System.debug(e);
        }
    }
}
`
        });
        try {
            const report = await validateApex(project.dir, { policy: false });
            expect(report.semanticSkipped).toBeUndefined();
            expect(report.findings).toEqual([]);
            expect(report.notes.map((note) => note.line)).toEqual([
                3, 6, 10, 15
            ]);
            for (const note of report.notes) {
                expect(note).toMatchObject({
                    file: `${DEFAULT}/classes/Platform.cls`,
                    rule: 'unknown-to-checker'
                });
                expect(note.message).toMatch(/\(apex-ls\): /);
            }
        } finally {
            project.cleanup();
        }
    });
});
