import { z } from 'zod';
import { contractSchema } from './contract';

/** The JSON Schema editors use for `config/access/*.json` (written to contract.schema.json). */
export function contractJsonSchema(): Record<string, unknown> {
    return {
        ...z.toJSONSchema(contractSchema, {
            io: 'input',
            unrepresentable: 'any'
        }),
        title: 'Access contract',
        description:
            'What an integration user must, should and must not have; checked by `npm run verify`.'
    };
}

if (require.main === module) {
    process.stdout.write(`${JSON.stringify(contractJsonSchema(), null, 4)}\n`);
}
