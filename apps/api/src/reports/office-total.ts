/** The label of the office's own row in team tables. */
export const OFFICE_TOTAL = 'Jugendamt gesamt';
