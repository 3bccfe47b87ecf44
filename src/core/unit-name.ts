import { z } from 'zod';

/**
 * A responsible unit's name (市财政局). Names are user data and become keys of records that are
 * stored and rendered; every other name, `constructor` and `toString` included, is kept as an
 * ordinary key (maps keyed by units are `Map`s), but `__proto__` cannot be a key of a plain object
 * that passes through JSON and the DynamoDB marshaller without becoming its prototype.
 */
export const UnitNameSchema = z.string().refine((name) => name.trim() !== '__proto__', {
  message: '"__proto__" is a reserved name and cannot name a unit: use the unit\'s real name',
});
