import { z } from 'zod';

/** Field types the native document uses in several parts. */
export const numberOrString = z.union([z.number(), z.string()], {
  error: 'must be a finite number, such as 0.5, or a decimal written as text',
});
export const stringMap = z.record(z.string(), z.string());
