import type { Day } from './calendar.js';
import { workOn, type Case } from './office-model.js';
import { PROCESSES } from './office-catalogue.js';
import { Prng } from './prng.js';

export interface SubProcess {
  readonly id: string;
  readonly caseId: string;
  readonly core: string;
  readonly sub: string;
  readonly team: string;
  readonly worker: string;
  readonly started: Day;
  readonly startedMinute: number;
  readonly completed: Day | null;
  readonly completedMinute: number;
  /** Entered by mistake and cancelled on this day. */
  readonly cancelled: Day | null;
}

const PER_AID = 15;
const MAX_DURATION = 30;
const MAX_CANCEL_DELAY = 10;
const FIRST_STEPS = PROCESSES.filter((p) => p.sub.startsWith('01.01') || p.sub.startsWith('01.02'));
const LATER_STEPS = PROCESSES.map((p) => [p, p.weight] as const);

/**
 * The sub-processes of a case, derived from the seed whenever they are needed: a large city
 * has millions of them, and no file needs them all in memory at once.
 */
export function subProcessesOf(seed: number, kase: Case, lastDay: Day): SubProcess[] {
  const r = Prng.for(seed, 'sub-processes', kase.index);
  const count = Math.max(2, Math.round(PER_AID * kase.aids.length * (0.6 + 0.8 * r.next())));
  const until = Math.min(kase.end ?? lastDay, lastDay);
  const steps: SubProcess[] = [];
  for (let k = 0; k < Math.min(count, 99); k++) {
    const process = k < FIRST_STEPS.length ? FIRST_STEPS[k]! : r.weighted(LATER_STEPS);
    const started = k < FIRST_STEPS.length ? kase.begin + k : r.int(kase.begin, Math.max(kase.begin, until));
    const duration = r.int(0, MAX_DURATION);
    const completed = started + duration <= lastDay && r.chance(0.93) ? started + duration : null;
    const startedMinute = r.int(7 * 60, 17 * 60);
    const completedMinute = duration === 0 ? r.int(startedMinute, 18 * 60) : r.int(7 * 60, 18 * 60);
    steps.push({
      id: `TP${String(kase.index * 100 + k + 1).padStart(8, '0')}`,
      caseId: kase.id,
      core: process.core,
      sub: process.sub,
      team: kase.team,
      worker: workOn(kase.work, started).worker,
      started,
      startedMinute,
      completed,
      completedMinute,
      cancelled: r.chance(0.02) ? started + r.int(1, MAX_CANCEL_DELAY) : null,
    });
  }
  return steps;
}

/** Steps start by the case's end and close within a month: no later night needs them. */
export function lastStepChange(kase: Case): Day {
  return kase.end === null ? Number.MAX_SAFE_INTEGER : kase.end + MAX_DURATION + MAX_CANCEL_DELAY;
}

/** The days a sub-process changed on: the delta of a night holds it if one lies in its window. */
export function changeDays(step: SubProcess): Day[] {
  return [step.started, step.completed, step.cancelled].filter((day): day is Day => day !== null);
}
