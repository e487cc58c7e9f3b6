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

/**
 * The team a member was in on a day: the assignment with the latest `since` up to that day (of
 * two with the same `since`, the later one listed). Before the first `since`, none: the member
 * belongs to no team yet (docs/kpis.md Clarifications). Called per member, day and team by the staff
 * KPIs, so it scans once and sorts nothing.
 */
export function teamOn(member: StaffMemberFacts, day: string): string | null {
  let current: StaffMemberFacts['assignments'][number] | undefined;
  for (const assignment of member.assignments) {
    if (assignment.since <= day && (current === undefined || assignment.since >= current.since)) current = assignment;
  }
  return current?.team ?? null;
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
