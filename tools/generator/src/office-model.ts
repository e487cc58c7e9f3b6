import { REASON_ADOPTION } from '@jugendamt/domain';
import { type Day, monthStart, yearOf } from './calendar.js';
import {
  ADMINISTRATION_TEAM,
  AID_TYPES,
  ECONOMIC_AID_TEAM,
  FIRST_NAMES,
  FOSTER_CARE_TEAM,
  fosterFamily,
  FTE_WEIGHTS,
  GENDER_WEIGHTS,
  PROVIDERS,
  REASON_WEIGHTS,
  RESIDENCE_AFTER_ADOPTION,
  residenceWeights,
  SOCIAL_AREA_NAMES,
  SOCIAL_TEAM_NAMES,
  SURNAMES,
  type AidTypeSpec,
  type Gender,
  type StaffRole,
} from './office-catalogue.js';
import { Prng } from './prng.js';

export interface GeneratorSettings {
  readonly scale: number;
  readonly seed: number;
  /** First day of the history the initial load covers. */
  readonly start: Day;
  /** The initial load's observation date; normal nights follow day by day. */
  readonly initialLoad: Day;
  readonly nights: number;
}

export interface Assignment {
  readonly team: string;
  readonly since: Day;
}

/** Who carries a case or an aid from a day on. */
export interface CaseWork {
  readonly team: string;
  readonly worker: string;
  readonly since: Day;
}

/** The work as it stood on `day`: the last change by then. */
export function workOn(work: readonly CaseWork[], day: Day): CaseWork {
  let current = work[0]!;
  for (const change of work) if (change.since <= day) current = change;
  return current;
}

export interface StaffMember {
  readonly index: number;
  readonly id: string;
  readonly name: string;
  readonly role: StaffRole;
  readonly fte: string;
  readonly joined: Day;
  /** Transfers in order; the first is the team on joining. */
  readonly assignments: readonly Assignment[];
  readonly left: Day | null;
  /** Known leavers are entered before their last day. */
  readonly leaveKnownOn: Day | null;
}

export interface Case {
  readonly index: number;
  readonly id: string;
  readonly fileReference: string;
  /** 14plus writes the reference its own way: blanks, no leading zeros. */
  readonly fileReference14plus: string;
  readonly name: string;
  readonly firstName: string;
  readonly birth: Day;
  readonly gender: Gender;
  readonly socialArea: string;
  readonly team: string;
  /** The case workers in charge, from when; the first since the case began. */
  readonly work: readonly CaseWork[];
  readonly begin: Day;
  readonly end: Day | null;
  readonly aids: Aid[];
}

export interface Aid {
  readonly index: number;
  readonly id: string;
  readonly caseIndex: number;
  readonly type: AidTypeSpec;
  readonly begin: Day;
  /** The day it ends (its last day); null while it runs past the generated period. */
  readonly end: Day | null;
  readonly reason: string | null;
  readonly residence: string | null;
  /** Team and case worker from when: handovers to other teams, successors of leavers. */
  readonly work: readonly CaseWork[];
  readonly provider: string;
  /** Entered by mistake and deleted in WebFM on this day. */
  readonly deletedOn: Day | null;
  readonly monthlyCents: number;
}

export interface OfficeModel {
  readonly settings: GeneratorSettings;
  /** The last day the files show (see lastShownDay). */
  readonly lastDay: Day;
  readonly socialTeams: readonly string[];
  readonly staff: readonly StaffMember[];
  readonly cases: readonly Case[];
  readonly aids: readonly Aid[];
  /** WJH clerks: the Sachbearbeiter of 14plus entries. */
  readonly clerks: readonly StaffMember[];
}

/** The last day any file of the set shows: the night before the last observation. */
export function lastShownDay(settings: GeneratorSettings): Day {
  return settings.initialLoad + settings.nights - 1;
}

/** 01.01.1990: nothing in the exports may lie before it. */
const EARLIEST_DAY = 7305;
const YEAR = 365;

/**
 * Scale 1 is a small district office: about 1,000 aids and 15,000 sub-processes in the
 * period, 60 staff; scale 50 a large city. Everything up to the last night is decided here,
 * so each night's files only show what the model says had happened by then.
 */
export function buildOfficeModel(settings: GeneratorSettings): OfficeModel {
  const { scale, seed, start } = settings;
  const lastDay = lastShownDay(settings);
  const aidCount = Math.max(10, Math.round(1000 * scale));
  // Cities split into more social areas, but far more slowly than they grow.
  const teamCount = Math.min(SOCIAL_TEAM_NAMES.length, Math.max(3, Math.round(4 + 3 * Math.log10(scale))));
  const socialTeams = SOCIAL_TEAM_NAMES.slice(0, teamCount);
  const areasOfTeam = socialTeams.map((_, t) => [0, 1].map((a) => `SR ${String(2 * t + a + 1).padStart(2, '0')} ${SOCIAL_AREA_NAMES[2 * t + a]!}`));

  const staffCount = Math.max(8, 2 * teamCount + 4, Math.round(0.06 * aidCount));
  const staff = buildStaff(seed, staffCount, socialTeams, start, lastDay);
  const staffing = new Staffing(staff, [...socialTeams, FOSTER_CARE_TEAM]);

  const cases: Case[] = [];
  const aids: Aid[] = [];
  const runningNumbers = new Map<number, number>();
  while (aids.length < aidCount) {
    const r = Prng.for(seed, 'case', cases.length);
    const teamIndex = r.int(0, socialTeams.length - 1);
    const team = socialTeams[teamIndex]!;
    // A third of the aids were running when the period began; the rest begin within it. An
    // aid follows its case within two months: a case opened lately may not have one yet.
    const caseBegin = Math.max(EARLIEST_DAY, r.chance(0.3) ? start - r.int(1, 3 * YEAR) - 60 : r.int(start - 30, lastDay));
    const firstBegin = caseBegin + r.int(0, 60);
    const year = yearOf(caseBegin);
    const running = (runningNumbers.get(year) ?? 0) + 1;
    runningNumbers.set(year, running);
    const aidsOfCase = firstBegin > lastDay ? 0 : Math.min(aidCount - aids.length, r.chance(0.3) ? 2 : 1);
    // Aid for young adults (§ 41) needs someone of 18 to 20; everyone else is a minor.
    const youngAdult = r.chance(0.07);
    const kase: Case = {
      index: cases.length,
      id: `F${String(cases.length + 1).padStart(7, '0')}`,
      fileReference: `51.1-${year}/${String(running).padStart(5, '0')}`,
      fileReference14plus: r.chance(0.5) ? `51.1 - ${year}/${running}` : `51.1-${year}/${running}`,
      name: r.pick(SURNAMES),
      firstName: r.pick(FIRST_NAMES),
      birth: caseBegin - (youngAdult ? r.int(18 * YEAR + 5, 20 * YEAR - 30) : r.int(30, 17 * YEAR)),
      gender: r.weighted(GENDER_WEIGHTS),
      socialArea: areasOfTeam[teamIndex]![r.int(0, 1)]!,
      team,
      work: [],
      begin: caseBegin,
      end: null,
      aids: [],
    };
    for (let k = 0; k < aidsOfCase; k++) {
      const begin = k === 0 ? firstBegin : firstBegin + r.int(30, 400);
      if (begin > lastDay) break;
      const aid = buildAid(seed, aids.length, kase, begin, lastDay, youngAdult, socialTeams, staffing);
      kase.aids.push(aid);
      aids.push(aid);
    }
    const ends = kase.aids.map((a) => a.end);
    const allEnded = ends.length > 0 && ends.every((end) => end !== null);
    const caseEnd = allEnded ? Math.max(...(ends as number[])) + r.int(0, 30) : null;
    const end = caseEnd !== null && caseEnd <= lastDay ? caseEnd : null;
    const work = staffing.successorsOf(r, [{ team, worker: staffing.workerOf(r, team, caseBegin), since: caseBegin }], end ?? lastDay);
    cases.push({ ...kase, end, work });
  }
  return { settings, lastDay, socialTeams, staff, cases, aids, clerks: staff.filter((s) => s.role === 'Verwaltung') };
}

function buildAid(seed: number, index: number, kase: Case, begin: Day, lastDay: Day, youngAdult: boolean, socialTeams: readonly string[], staffing: Staffing): Aid {
  const r = Prng.for(seed, 'aid', index);
  const type = r.weighted(AID_TYPES.filter((t) => !!t.youngAdult === youngAdult).map((t) => [t, t.weight] as const));
  const end = begin + r.int(type.days[0], type.days[1]) - 1;
  const ended = end <= lastDay;
  const team = type.fosterCare ? FOSTER_CARE_TEAM : kase.team;
  const until = ended ? end : lastDay;
  const work: CaseWork[] = [{ team, worker: staffing.workerOf(r, team, begin), since: begin }];
  // Now and then an aid moves to another social-area team, with a case worker of that team.
  const handoverOn = !type.fosterCare && r.chance(0.06) ? begin + r.int(30, 300) : null;
  const others = socialTeams.filter((t) => t !== kase.team);
  if (handoverOn !== null && handoverOn <= until && others.length) {
    const to = r.pick(others);
    work.push({ team: to, worker: staffing.workerOf(r, to, handoverOn), since: handoverOn });
  }
  const reason = ended ? r.weighted(REASON_WEIGHTS) : null;
  const residence = ended ? r.weighted(residenceWeights(type.stationary)) : null;
  const provider = type.fosterCare ? fosterFamily(r.pick(SURNAMES), r.chance(0.3) ? r.pick(SURNAMES) : null) : r.pick(PROVIDERS);
  return {
    index,
    id: `H${String(index + 1).padStart(7, '0')}`,
    caseIndex: kase.index,
    type,
    begin,
    end: ended ? end : null,
    reason,
    residence: reason === REASON_ADOPTION ? RESIDENCE_AFTER_ADOPTION : residence,
    work: staffing.successorsOf(r, work, until),
    provider,
    deletedOn: r.chance(0.003) ? begin + r.int(1, 20) : null,
    monthlyCents: r.int(type.monthlyCents[0], type.monthlyCents[1]),
  };
}

/** The case workers of each team, to give cases and aids to someone employed on the day. */
class Staffing {
  private readonly workers: Map<string, readonly StaffMember[]>;
  private readonly leftOn: Map<string, Day | null>;

  constructor(staff: readonly StaffMember[], teams: readonly string[]) {
    this.workers = new Map(teams.map((team) => [team, staff.filter((s) => s.role === 'Fachkraft' && s.assignments[0]!.team === team)]));
    this.leftOn = new Map(staff.map((s) => [s.id, s.left]));
  }

  workerOf(r: Prng, team: string, on: Day): string {
    const all = this.workers.get(team)!;
    const employed = (s: StaffMember) => s.joined <= on && (s.left === null || s.left >= on);
    // Most are employed on any day: a few random tries spare a filtered copy per aid.
    for (let attempt = 0; attempt < 8; attempt++) {
      const candidate = r.pick(all);
      if (employed(candidate)) return candidate.id;
    }
    const some = all.filter(employed);
    return r.pick(some.length ? some : all).id;
  }

  /**
   * The work with a successor for each case worker who leaves before it ends (the day after
   * the last day), and now and then a change of worker within the team for other reasons.
   */
  successorsOf(r: Prng, work: readonly CaseWork[], until: Day): CaseWork[] {
    const changes = [...work];
    if (r.chance(0.12)) {
      const since = work[0]!.since + r.int(30, 365);
      if (since <= until && !work.some((w) => w.since >= since)) changes.push({ team: work.at(-1)!.team, worker: '', since });
    }
    const out: CaseWork[] = [];
    for (let i = 0; i < changes.length; i++) {
      let current: CaseWork = changes[i]!.worker ? changes[i]! : { ...changes[i]!, worker: this.workerOf(r, changes[i]!.team, changes[i]!.since) };
      out.push(current);
      const next = changes[i + 1]?.since ?? until + 1;
      for (let left = this.leftOn.get(current.worker); left != null && left >= current.since && left + 1 < next; left = this.leftOn.get(current.worker)) {
        const successor = this.workerOf(r, current.team, left + 1);
        if (successor === current.worker) break;
        current = { team: current.team, worker: successor, since: left + 1 };
        out.push(current);
      }
    }
    return out;
  }
}

/**
 * Leads and case workers per team, the foster-care service, WJH clerks, one specialist
 * administrator; joiners, leavers (about a tenth a year) and transfers over the period.
 * The first places of each team stay filled throughout, so no team is ever without staff.
 */
function buildStaff(seed: number, count: number, socialTeams: readonly string[], start: Day, lastDay: Day): StaffMember[] {
  const teams = socialTeams.length;
  const fixed = 2 * teams + 3;
  const staff: StaffMember[] = [];
  for (let index = 0; index < count; index++) {
    const r = Prng.for(seed, 'staff', index);
    let home: string;
    let role: StaffRole;
    if (index < teams) [home, role] = [socialTeams[index]!, 'Teamleitung'];
    else if (index < 2 * teams) [home, role] = [socialTeams[index - teams]!, 'Fachkraft'];
    else if (index < fixed - 1) [home, role] = [FOSTER_CARE_TEAM, 'Fachkraft'];
    else if (index === fixed - 1) [home, role] = [ECONOMIC_AID_TEAM, 'Verwaltung'];
    else if (index === count - 1) [home, role] = [ADMINISTRATION_TEAM, 'Fachadministration'];
    else {
      home = r.weighted([
        [ECONOMIC_AID_TEAM, 8],
        [FOSTER_CARE_TEAM, 8],
        [r.pick(socialTeams), 84],
      ]);
      // Large teams have deputy leads; about one in sixteen.
      role = home === ECONOMIC_AID_TEAM ? 'Verwaltung' : r.chance(0.06) ? 'Teamleitung' : 'Fachkraft';
    }
    const permanent = index < fixed;
    const joined = permanent || r.chance(0.8) ? start - r.int(30, 20 * YEAR) : r.int(start, lastDay);
    const left = !permanent && r.chance(0.2) ? Math.max(joined + 90, start + r.int(0, lastDay - start + 60)) : null;
    const assignments: Assignment[] = [{ team: home, since: joined }];
    if (role === 'Fachkraft' && socialTeams.includes(home) && r.chance(0.12)) {
      const since = Math.max(joined + 180, start + r.int(0, lastDay - start));
      const to = socialTeams.filter((t) => t !== home);
      if (since <= lastDay && (left === null || since < left) && to.length) assignments.push({ team: r.pick(to), since });
    }
    staff.push({
      index,
      id: `MA${String(index + 1).padStart(4, '0')}`,
      name: `${r.pick(SURNAMES)}, ${r.pick(FIRST_NAMES)}`,
      role,
      fte: r.weighted(FTE_WEIGHTS),
      joined,
      assignments,
      left,
      leaveKnownOn: left === null ? null : left - r.int(14, 60),
    });
  }
  return staff;
}

/** The months an aid is paid for, up to `until`. */
export function paidMonths(aid: Aid, until: Day): Day[] {
  const months: Day[] = [];
  const last = Math.min(aid.end ?? until, until);
  for (let month = monthStart(aid.begin); month <= last; month = monthStart(month, 1)) months.push(month);
  return months;
}
