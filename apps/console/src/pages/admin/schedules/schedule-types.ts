import type { paths } from '../../../api/schema';

type ScheduleList = paths['/api/v1/admin/schedules']['get']['responses'][200]['content']['application/json'];

/** A stored schedule as the API answers it: next runs computed in its time zone, last run if the queue knows it. */
export type StoredSchedule = ScheduleList['schedules'][number];

/** A row of the page: every source, with its schedule or without one (then nothing imports it automatically). */
export interface SourceSchedule {
  readonly source: string;
  readonly schedule: StoredSchedule | undefined;
}
