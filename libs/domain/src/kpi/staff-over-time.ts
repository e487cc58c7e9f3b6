/** A staff member as known at a time, with every team assignment observed by then. */
export interface StaffMemberFacts {
  readonly staffId: string;
  readonly role: string;
  readonly fte: number;
  readonly joined: string;
  /** The last day of employment. */
  readonly left: string | null;
  /** Observed (team, since) pairs; each holds until the day before the next one's `since`. */
  readonly assignments: readonly { readonly team: string; readonly since: string }[];
}

export function isEmployedOn(member: StaffMemberFacts, day: string): boolean {
  return member.joined <= day && (member.left === null || member.left >= day);
}

/** The team a member was in on a day, by the assignment history. */
export function teamOn(member: StaffMemberFacts, day: string): string | null {
  let team: string | null = null;
  for (const assignment of [...member.assignments].sort((a, b) => a.since.localeCompare(b.since))) {
    if (assignment.since <= day) team = assignment.team;
  }
  return team ?? member.assignments[0]?.team ?? null;
}

/** The period's first day and the last day of each month in it (a year: 13 days). */
export function headcountDays(from: string, to: string): string[] {
  const days = [from];
  const [y, m] = from.split('-').map(Number) as [number, number];
  for (let year = y, month = m; ; month++) {
    if (month > 12) {
      year++;
      month = 1;
    }
    const monthEnd = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
    if (monthEnd > to) break;
    if (monthEnd >= from) days.push(monthEnd);
  }
  return days;
}

export function dayBefore(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
