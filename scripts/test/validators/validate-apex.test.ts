import path from 'node:path';
import {
    classifyApexLsMessage,
    type ProjectTypes
} from '../../src/apex/platform-gaps';
import { runPmd } from '../../src/apex/pmd';
import { checkApexSyntax } from '../../src/apex/syntax';
import { validateApex } from '../../src/apex/validate';
// The repository itself is checked by the validate:apex step of npm test, not here.
import { FIXTURES, fixtureProject } from './fixture-project';

const rel = (file: string): string => path.relative(FIXTURES, file);

// PMD starts a JVM: one run takes a few seconds on these machines.
jest.setTimeout(120000);

describe('validate:apex', () => {
    it('accepts the clean fixture project', async () => {
        const report = await validateApex(path.join(FIXTURES, 'clean-project'));
        expect(report.findings).toEqual([]);
        expect(report.files).toEqual([
            'force-app/main/default/classes/Greeting.cls'
        ]);
        expect(report.pmdRulesRun).toBeGreaterThan(20);
    });

    it('rejects an Apex syntax error, naming file and line', () => {
        // The parser alone (no JVM): validateApex runs this same check first.
        const project = fixtureProject('apex-syntax-error');
        try {
            const syntax = checkApexSyntax(
                [
                    path.join(
                        project.dir,
                        'force-app/main/default/classes/Broken.cls'
                    )
                ],
                (file) => path.relative(project.dir, file)
            );
            expect(syntax.length).toBeGreaterThan(0);
            expect(syntax[0]).toMatchObject({
                rule: 'apex-syntax',
                file: 'force-app/main/default/classes/Broken.cls',
                line: 2
            });
            expect(syntax[0]?.message).toMatch(
                /Apex syntax error at column \d+/
            );
        } finally {
            project.cleanup();
        }
    });

    it('rejects a severity 1-2 PMD violation (SOQL injection), naming file, line and rule', async () => {
        const project = fixtureProject('apex-pmd-violation');
        try {
            const report = await validateApex(project.dir);
            expect(report.findings).toEqual([]);
            expect(report.policyFindings).toEqual([
                expect.objectContaining({
                    file: 'force-app/main/default/classes/Finder.cls',
                    line: 4,
                    element: 'ApexSOQLInjection',
                    rule: 'apex-pmd'
                })
            ]);
        } finally {
            project.cleanup();
        }
    });

    it('leaves PMD out with policy: false (a deploy does not run PMD)', async () => {
        const project = fixtureProject('apex-pmd-violation');
        try {
            const report = await validateApex(project.dir, { policy: false });
            expect(report.findings).toEqual([]);
            expect(report.policyFindings).toEqual([]);
            expect(report.pmdRulesRun).toBe(0);
        } finally {
            project.cleanup();
        }
    });

    it('treats a file PMD cannot parse as a failure, not as zero violations', async () => {
        const broken = path.join(
            FIXTURES,
            'broken/apex-syntax-error/force-app/main/default/classes/Broken.cls'
        );
        const report = await runPmd([broken], rel);
        expect(report.findings).toEqual([
            expect.objectContaining({
                file: 'broken/apex-syntax-error/force-app/main/default/classes/Broken.cls',
                rule: 'apex-pmd-processing-error'
            })
        ]);
    });

    it('parses triggers with the trigger grammar', () => {
        const trigger = path.join(
            FIXTURES,
            'broken/trigger-without-meta/force-app/main/default/triggers/SampleTrigger.trigger'
        );
        expect(checkApexSyntax([trigger], rel)).toEqual([]);
    });
});

describe('apex-ls findings: unknown-to-checker notes or errors', () => {
    // The shapes are apex-ls 6.0.2's messages as measured on public projects (issue #24).
    const project: ProjectTypes = {
        declared: new Set(['greeting', 'address', 'sample']),
        interfaces: new Set(['aurahandledexception']),
        typeQualifiers: new Set(['usf3', 'greeting']),
        fieldNames: new Set(['code__c']),
        components: new Set(['customobject:sample__c', 'customobject:event__e'])
    };
    const verdict = (category: string, message: string, line = '') =>
        classifyApexLsMessage(category, message, line, project).note;

    it.each([
        [
            'Error',
            "Incompatible return type, 'cache.OrgPartition' is not assignable to 'cache.Partition'"
        ],
        [
            'Error',
            "Incompatible types in assignment, from 'cache.SessionPartition' to 'cache.Partition'"
        ],
        [
            'Missing',
            "No type declaration found for 'Database.PaginationCursor'"
        ],
        [
            'Missing',
            "No type declaration found for 'Cache.Session.SessionCacheException'"
        ],
        [
            'Missing',
            "No type declaration found for 'DataWeaveScriptResource.csvToContacts'"
        ],
        ['Missing', "No type declaration found for 'DataWeaveScriptException'"],
        ['Missing', "No type declaration found for 'Flow.Interview.My_Flow'"],
        [
            'Missing',
            "No type declaration found for 'List<usf3.MetadataService.Flow>'"
        ],
        ['Missing', "No variable or type found for 'usf3' on 'Greeting'"],
        ['Missing', "Unknown field or type 'UNDEFINED' on 'System.Quiddity'"],
        ['Missing', "Unknown field or type 'ns__Page' on 'Page'"],
        ['Missing', "Unknown field 'SetupOwner' on SObject 'Schema.Sample__c'"],
        [
            'Missing',
            "No matching method found for 'add' on 'System.List<System.Id>' taking arguments 'System.List<System.String>'"
        ],
        ['Missing', "Unknown field or type 'column' on 'System.Address'"],
        [
            'Error',
            "Exception class 'AuraHandledException' must extend another Exception class"
        ],
        [
            'Error',
            "Components of type 'Schema.Event__e' are defined, but the required object-meta.xml file is missing"
        ],
        [
            'Error',
            'Constructor not defined: Schema.Event__e.<constructor>(System.String)'
        ]
    ])('%s: %s is a note', (category, message) => {
        expect(verdict(category, message)).toBe(true);
    });

    it('reads a namespaced label and a shadowed constructor from the source line', () => {
        expect(
            verdict(
                'Missing',
                "Unknown field or type 'other' on 'System.Label'",
                'String text = System.Label.other.Anything;'
            )
        ).toBe(true);
        expect(
            verdict(
                'Error',
                'No constructor defined with 2 arguments',
                'Address cell = new Address(1, 2);'
            )
        ).toBe(true);
    });

    it.each([
        ['Missing', "No type declaration found for 'Replly'"],
        ['Missing', "No type declaration found for 'Greeting.Missing'"],
        ['Missing', "No type declaration found for 'Sampel__c'"],
        [
            'Missing',
            "No variable or type found for 'undefinedCount' on 'Greeting'"
        ],
        ['Missing', "Unknown field 'Cod__c' on SObject 'Schema.Sample__c'"],
        ['Missing', "Unknown field or type 'reply' on 'Greeting'"],
        [
            'Missing',
            "No matching method found for 'hello' on 'Greeting' taking no arguments"
        ],
        ['Missing', "Unknown field or type 'Missing_Page' on 'Page'"],
        [
            'Error',
            "Incompatible types in assignment, from 'System.String' to 'Greeting'"
        ],
        [
            'Error',
            "Components of type 'Schema.Other__e' are defined, but the required object-meta.xml file is missing"
        ],
        ['Error', "Type name 'Other' does not match file name 'Greeting.cls'"],
        [
            'Error',
            'Constructor not defined: Schema.Other__e.<constructor>(System.String)'
        ]
    ])("%s: %s (the project's own) stays an error", (category, message) => {
        expect(verdict(category, message)).toBe(false);
    });

    it("notes a protected constructor called in a subclass's file, not elsewhere", () => {
        const message =
            'Constructor is not visible: Greeting.<constructor>(System.String)';
        expect(
            classifyApexLsMessage('Error', message, '', {
                ...project,
                extended: new Set(['greeting'])
            }).note
        ).toBe(true);
        expect(verdict('Error', message)).toBe(false);
    });

    it('keeps a missing label an error unless the line names a namespace', () => {
        expect(
            verdict(
                'Missing',
                "Unknown field or type 'Greting' on 'System.Label'",
                'String text = System.Label.Greting;'
            )
        ).toBe(false);
    });
});
