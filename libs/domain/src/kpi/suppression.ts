/** The statistical offices' sign for a value kept secret. */
export const SECRET = '.';

/**
 * 1 or 2: a count that could point at a person. The annual report hides such counts and then
 * whatever would give them back (apps/api/src/reports/suppression).
 */
export const isSmallCount = (count: number) => count >= 1 && count <= 2;
