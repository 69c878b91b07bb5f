import path from 'node:path';
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
