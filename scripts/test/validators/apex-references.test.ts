import { validateApex } from '../../src/apex/validate';
import { DEFAULT, GREETING_LABEL, fixtureProject } from './fixture-project';

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
});
