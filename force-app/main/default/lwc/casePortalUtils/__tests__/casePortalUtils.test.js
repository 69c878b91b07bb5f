import { errorMessage, formatLabel, utf8Length } from 'c/casePortalUtils';

describe('c/casePortalUtils', () => {
    it('counts UTF-8 bytes as CaseComment.CommentBody stores them', () => {
        expect(utf8Length('')).toBe(0);
        expect(utf8Length(undefined)).toBe(0);
        expect(utf8Length('abc')).toBe(3);
        expect(utf8Length('é')).toBe(2);
        expect(utf8Length('€')).toBe(3);
        expect(utf8Length('😀')).toBe(4);
        expect(utf8Length('é'.repeat(2000))).toBe(4000);
    });

    it('fills label placeholders and leaves unknown ones', () => {
        expect(formatLabel('Case {0}: {1}', '00001003', 'Printer')).toBe(
            'Case 00001003: Printer'
        );
        expect(formatLabel('{0} of {1}', 5)).toBe('5 of {1}');
        expect(formatLabel('No placeholders')).toBe('No placeholders');
    });

    it('reads labels as Java MessageFormat does, like Apex String.format', () => {
        // The CasePortal_Error_SaveFailed label as deployed: its apostrophe doubled.
        expect(
            formatLabel(
                "We couldn''t save your changes: {0}",
                "The case isn't editable."
            )
        ).toBe("We couldn't save your changes: The case isn't editable.");
        // A single apostrophe quotes: the placeholder after it stays literal (the old bug).
        expect(formatLabel("We couldn't save: {0}", 'reason')).toBe(
            'We couldnt save: {0}'
        );
        expect(formatLabel("'{0}' is {0}", 'x')).toBe('{0} is x');
    });

    it('shows the server refusal, or a generic message', () => {
        expect(errorMessage({ body: { message: 'Not yours.' } })).toBe(
            'Not yours.'
        );
        expect(
            errorMessage({
                body: [{ message: 'First.' }, { message: 'Second.' }]
            })
        ).toBe('First. Second.');
        expect(errorMessage(new Error('TypeError in code'))).toBe(
            'c.CasePortal_ErrorGeneric'
        );
        expect(errorMessage({ body: [] })).toBe('c.CasePortal_ErrorGeneric');
        expect(errorMessage(undefined)).toBe('c.CasePortal_ErrorGeneric');
    });
});
