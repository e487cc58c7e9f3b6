import { percent, round } from './rounding.js';
import { dayBefore, headcountDays, isEmployedOn, teamOn, type StaffMemberFacts } from './staff-over-time.js';

export interface FluctuationFigures {
  /** Mean headcount on the period's first day and each month's last day, two decimals. */
  readonly averageHeadcount: number;
  /** Mean FTE on the same days, three decimals. The rates divide the unrounded means. */
  readonly averageFte: number;
  readonly leavers: number;
  readonly leaversFte: number;
  readonly joiners: number;
  /** Leavers ÷ average headcount × 100, one decimal. */
  readonly rate: number | null;
  readonly rateFte: number | null;
  readonly headcountAtEnd: number;
  readonly fteAtEnd: number;
}

export interface StaffScope {
  readonly from: string;
  readonly to: string;
  /** A team, or the whole office. */
  readonly team?: string;
}

const inScope = (member: StaffMemberFacts, day: string, team: string | undefined) => isEmployedOn(member, day) && (team === undefined || teamOn(member, day) === team);

/**
 * docs/kpis.md 4: the mean headcount and FTE on the period's first day and each month's last day,
 * of the office or a team. Unrounded: a rate divides these, never their rounded display
 * (docs/kpis.md Clarifications), as the coverage of docs/kpis.md 6 does.
 */
export function averageStaffing(staff: readonly StaffMemberFacts[], scope: StaffScope): { readonly headcount: number; readonly fte: number } {
  const days = headcountDays(scope.from, scope.to);
  const headcounts = days.map((day) => staff.filter((m) => inScope(m, day, scope.team)));
  return {
    headcount: headcounts.reduce((n, members) => n + members.length, 0) / days.length,
    fte: headcounts.reduce((n, members) => n + members.reduce((f, m) => f + m.fte, 0), 0) / days.length,
  };
}

/**
 * docs/kpis.md 4. A team's leavers are the office's leavers who were in the team on their last
 * day, plus transfers out: a new assignment to another team starting in the period.
 */
export function fluctuation(staff: readonly StaffMemberFacts[], scope: StaffScope): FluctuationFigures {
  const { headcount: averageHeadcount, fte: averageFte } = averageStaffing(staff, scope);

  const leaving = staff.filter((m) => m.left !== null && m.left >= scope.from && m.left <= scope.to && (scope.team === undefined || teamOn(m, m.left) === scope.team));
  const transferredOut =
    scope.team === undefined
      ? []
      : staff.filter(
          (m) =>
            !leaving.includes(m) &&
            m.assignments.some((a) => a.since >= scope.from && a.since <= scope.to && a.team !== scope.team && teamOn(m, dayBefore(a.since)) === scope.team && isEmployedOn(m, dayBefore(a.since))),
        );
  const leavers = [...leaving, ...transferredOut];
  const joiners = staff.filter((m) => m.joined >= scope.from && m.joined <= scope.to && (scope.team === undefined || teamOn(m, m.joined) === scope.team));
  const atEnd = staff.filter((m) => inScope(m, scope.to, scope.team));
  const leaversFte = leavers.reduce((f, m) => f + m.fte, 0);
  return {
    averageHeadcount: round(averageHeadcount, 2),
    averageFte: round(averageFte, 3),
    leavers: leavers.length,
    leaversFte: round(leaversFte, 3),
    joiners: joiners.length,
    rate: percent(leavers.length, averageHeadcount),
    rateFte: percent(leaversFte, averageFte),
    headcountAtEnd: atEnd.length,
    fteAtEnd: round(
      atEnd.reduce((f, m) => f + m.fte, 0),
      3,
    ),
  };
}
