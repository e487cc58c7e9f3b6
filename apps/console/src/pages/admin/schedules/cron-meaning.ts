/**
 * A cron expression in German words, for the simple schedules an office keeps ("täglich um
 * 02:30", "montags bis freitags um 05:00"). Anything more involved gets no words (undefined):
 * the expression itself and its next runs say what it does. Whether it is valid the API decides.
 */
export function cronMeaning(cron: string): string | undefined {
  let fields = cron.trim().split(/\s+/);
  if (fields.length === 6 && fields[0] === '0') fields = fields.slice(1); // seconds first
  if (fields.length !== 5) return undefined;
  const [minute, hour, day, month, weekday] = fields as [string, string, string, string, string];
  if (month !== '*') return undefined;
  if (hour === '*' && day === '*' && weekday === '*') return everyHour(minute);
  const at = timesOf(minute, hour);
  if (!at) return undefined;
  if (day === '*' && weekday === '*') return `täglich ${at}`;
  if (day === '*') {
    const days = weekdaysOf(weekday);
    return days && `${days} ${at}`;
  }
  if (weekday === '*' && isNumberIn(day, 1, 31)) return `am ${Number(day)}. jedes Monats ${at}`;
  return undefined;
}

function isNumberIn(field: string, min: number, max: number): boolean {
  return /^\d{1,2}$/.test(field) && Number(field) >= min && Number(field) <= max;
}

function everyHour(minute: string): string | undefined {
  const step = /^\*\/(\d{1,2})$/.exec(minute);
  if (step && isNumberIn(step[1]!, 1, 59)) return `alle ${Number(step[1])} Minuten`;
  if (!isNumberIn(minute, 0, 59)) return undefined;
  return minute === '0' || minute === '00' ? 'stündlich zur vollen Stunde' : `stündlich, ${Number(minute)} Minuten nach der vollen Stunde`;
}

/** `um 02:30`, or `um 02:30 und 14:30` for a list of hours. */
function timesOf(minute: string, hour: string): string | undefined {
  const hours = hour.split(',');
  if (!isNumberIn(minute, 0, 59) || !hours.every((h) => isNumberIn(h, 0, 23))) return undefined;
  const two = (value: string) => value.padStart(2, '0').slice(-2);
  return `um ${listOf(hours.map((h) => `${two(h)}:${two(minute)}`))}`;
}

const WEEKDAYS = ['sonntags', 'montags', 'dienstags', 'mittwochs', 'donnerstags', 'freitags', 'samstags', 'sonntags'];
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

function dayNumber(field: string): number | undefined {
  const named = DAY_NAMES.indexOf(field.toUpperCase());
  if (named >= 0) return named;
  return isNumberIn(field, 0, 7) ? Number(field) : undefined;
}

/** `1-5` → `montags bis freitags`, `1,3,5` → `montags, mittwochs und freitags`. */
function weekdaysOf(field: string): string | undefined {
  const range = /^(\w+)-(\w+)$/.exec(field);
  if (range) {
    const [from, to] = [dayNumber(range[1]!), dayNumber(range[2]!)];
    return from !== undefined && to !== undefined && from < to ? `${WEEKDAYS[from]} bis ${WEEKDAYS[to]}` : undefined;
  }
  const days = field.split(',').map(dayNumber);
  return days.every((d) => d !== undefined) ? listOf(days.map((d) => WEEKDAYS[d]!)) : undefined;
}

function listOf(words: readonly string[]): string {
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} und ${words.at(-1)}` : (words[0] ?? '');
}
