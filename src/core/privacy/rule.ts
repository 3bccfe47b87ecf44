import { z } from 'zod';
import { PersonalDataKindSchema } from './finding';

/**
 * An evidence rule that judges a site by what it must NOT publish: personal data found in its
 * pages and attachments. The `privacy` rule pack is written with it.
 */
export const PersonalDataRuleSchema = z.object({
  kinds: z
    .array(PersonalDataKindSchema)
    .min(1)
    .optional()
    .describe('Kinds that count (default: every kind the detectors know)'),
});
export type PersonalDataRule = z.infer<typeof PersonalDataRuleSchema>;
