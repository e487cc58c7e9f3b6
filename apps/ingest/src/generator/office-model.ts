import { type Day, monthStart } from './calendar.js';
import {
  AID_TYPES,
  ECONOMIC_AID_TEAM,
  FIRST_NAMES,
  FOSTER_CARE_TEAM,
  PROVIDERS,
  REASON_WEIGHTS,
  residenceWeights,
  SOCIAL_AREA_NAMES,
  SOCIAL_TEAM_NAMES,
  SURNAMES,
  type AidTypeSpec,
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

export interface StaffMember {
  readonly index: number;
  readonly id: string;
  readonly name: string;
  readonly role: string;
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
  readonly gender: string;
  readonly socialArea: string;
  readonly team: string;
  readonly worker: string;
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
  readonly team: string;
  readonly handover: Assignment | null;
  readonly worker: string;
  readonly provider: string;
  /** Entered by mistake and deleted in WebFM on this day. */
  readonly deletedOn: Day | null;
  readonly monthlyCents: number;
}

export interface OfficeModel {
  readonly settings: GeneratorSettings;
  readonly socialTeams: readonly string[];
  readonly staff: readonly StaffMember[];
  readonly cases: readonly Case[];
  readonly aids: readonly Aid[];
  /** WJH clerks: the Sachbearbeiter of 14plus entries. */
  readonly clerks: readonly StaffMember[];
}

/** Scale 1 is a small district office: about 1,000 aids and 15,000 sub-processes in the period. */
export function buildOfficeModel(settings: GeneratorSettings): OfficeModel {
  const { scale, seed, start } = settings;
  const lastDay = settings.initialLoad + settings.nights;
  const teamCount = Math.min(SOCIAL_TEAM_NAMES.length, Math.max(3, Math.round(2 + 3 * Math.log10(1 + scale * 10))));
  const socialTeams = SOCIAL_TEAM_NAMES.slice(0, teamCount);
  const areasOfTeam = socialTeams.map((_, t) => [SOCIAL_AREA_NAMES[2 * t]!, SOCIAL_AREA_NAMES[2 * t + 1]!]);

  const staff = buildStaff(seed, scale, socialTeams, start, lastDay);
  const workersOf = (team: string) => staff.filter((s) => s.role === 'Fachkraft' && s.assignments[0]!.team === team).map((s) => s.id);
  const workers = new Map([...socialTeams, FOSTER_CARE_TEAM].map((team) => [team, workersOf(team)]));

  const aidCount = Math.max(10, Math.round(1000 * scale));
  const cases: Case[] = [];
  const aids: Aid[] = [];
  const runningNumbers = new Map<number, number>();
  while (aids.length < aidCount) {
    const r = Prng.for(seed, 'case', cases.length);
    const teamIndex = r.int(0, socialTeams.length - 1);
    const team = socialTeams[teamIndex]!;
    // A third of the aids were running when the period began; the rest begin within it.
    const firstBegin = r.chance(0.3) ? start - r.int(1, 3 * 365) : r.int(start, lastDay);
    const caseBegin = firstBegin - r.int(0, 60);
    const year = new Date(caseBegin * 86_400_000).getUTCFullYear();
    const running = (runningNumbers.get(year) ?? 0) + 1;
    runningNumbers.set(year, running);
    const aidsOfCase = Math.min(aidCount - aids.length, r.chance(0.2) ? 2 : 1);
    const kase: Case = {
      index: cases.length,
      id: `F${String(cases.length + 1).padStart(7, '0')}`,
      fileReference: `51.1-${year}/${String(running).padStart(5, '0')}`,
      fileReference14plus: r.chance(0.5) ? `51.1 - ${year}/${running}` : `51.1-${year}/${running}`,
      name: r.pick(SURNAMES),
      firstName: r.pick(FIRST_NAMES),
      birth: caseBegin - r.int(0, 17 * 365),
      gender: r.weighted([['m', 48], ['w', 48], ['d', 1], ['u', 3]]),
      socialArea: `SR ${String(2 * teamIndex + 1 + r.int(0, 1)).padStart(2, '0')} ${areasOfTeam[teamIndex]![r.int(0, 1)]}`,
      team,
      worker: r.pick(workers.get(team)!),
      begin: caseBegin,
      end: null,
      aids: [],
    };
    for (let k = 0; k < aidsOfCase; k++) {
      const begin = k === 0 ? firstBegin : Math.min(lastDay, firstBegin + r.int(30, 400));
      kase.aids.push(buildAid(seed, aids.length, kase, begin, lastDay, workers));
      aids.push(kase.aids[k]!);
    }
    const ends = kase.aids.map((a) => a.end);
    const allEnded = ends.every((end) => end !== null);
    const caseEnd = allEnded ? Math.max(...(ends as number[])) + r.int(0, 30) : null;
    cases.push({ ...kase, end: caseEnd !== null && caseEnd <= lastDay ? caseEnd : null });
  }
  return { settings, socialTeams, staff, cases, aids, clerks: staff.filter((s) => s.role === 'Verwaltung') };
}

function buildAid(seed: number, index: number, kase: Case, begin: Day, lastDay: Day, workers: ReadonlyMap<string, readonly string[]>): Aid {
  const r = Prng.for(seed, 'aid', index);
  const type = r.weighted(AID_TYPES.map((t) => [t, t.weight] as const));
  const end = begin + r.int(type.days[0], type.days[1]) - 1;
  const ended = end <= lastDay;
  const team = type.fosterCare ? FOSTER_CARE_TEAM : kase.team;
  const handoverOn = !type.fosterCare && r.chance(0.06) ? begin + r.int(30, 300) : null;
  const handoverTeam = handoverOn !== null && handoverOn < (ended ? end : lastDay) ? otherTeam(r, kase.team, workers) : null;
  return {
    index,
    id: `H${String(index + 1).padStart(7, '0')}`,
    caseIndex: kase.index,
    type,
    begin,
    end: ended ? end : null,
    reason: ended ? r.weighted(REASON_WEIGHTS) : null,
    residence: ended ? r.weighted(residenceWeights(type.stationary)) : null,
    team,
    handover: handoverTeam ? { team: handoverTeam, since: handoverOn! } : null,
    worker: r.pick(workers.get(team)!),
    provider: r.pick(PROVIDERS),
    deletedOn: r.chance(0.003) ? begin + r.int(1, 20) : null,
    monthlyCents: r.int(type.monthlyCents[0], type.monthlyCents[1]),
  };
}

function otherTeam(r: Prng, team: string, workers: ReadonlyMap<string, readonly string[]>): string | null {
  const others = [...workers.keys()].filter((t) => t !== team && t !== FOSTER_CARE_TEAM);
  return others.length ? r.pick(others) : null;
}

/** Social workers per team, the foster-care service, WJH clerks; joiners, leavers and transfers over the period. */
function buildStaff(seed: number, scale: number, socialTeams: readonly string[], start: Day, lastDay: Day): StaffMember[] {
  const count = Math.max(2 * socialTeams.length + 5, Math.round(20 * scale));
  const staff: StaffMember[] = [];
  for (let index = 0; index < count; index++) {
    const r = Prng.for(seed, 'staff', index);
    // Fixed places first: a lead and a case worker per team, the foster-care service, a WJH clerk.
    const teams = socialTeams.length;
    const home =
      index < 2 * teams ? socialTeams[index % teams]! : index < 2 * teams + 2 ? FOSTER_CARE_TEAM : index === 2 * teams + 2 ? ECONOMIC_AID_TEAM : r.weighted([[ECONOMIC_AID_TEAM, 8], [FOSTER_CARE_TEAM, 8], [r.pick(socialTeams), 84]]);
    const role = home === ECONOMIC_AID_TEAM ? 'Verwaltung' : index < teams ? 'Teamleitung' : index === count - 1 ? 'Fachadministration' : 'Fachkraft';
    const joined = r.chance(0.8) ? start - r.int(30, 20 * 365) : r.int(start, lastDay);
    const assignments: Assignment[] = [{ team: home, since: joined }];
    if (role === 'Fachkraft' && home !== FOSTER_CARE_TEAM && r.chance(0.12)) {
      const since = Math.max(joined + 180, start + r.int(0, lastDay - start));
      const to = socialTeams.filter((t) => t !== home);
      if (since < lastDay && to.length) assignments.push({ team: r.pick(to), since });
    }
    const left = r.chance(0.14) ? Math.max(joined + 90, start + r.int(0, lastDay - start + 60)) : null;
    staff.push({
      index,
      id: `MA${String(index + 1).padStart(4, '0')}`,
      name: `${r.pick(SURNAMES)}, ${r.pick(FIRST_NAMES)}`,
      role,
      fte: r.weighted([['1,0', 60], ['0,75', 20], ['0,5', 15], ['0,8', 5]]),
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
