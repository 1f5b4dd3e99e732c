/**
 * Human-readable ages for checkpoints ("5 min ago"), shown as tree descriptions, in quick picks
 * and in the status bar. Times on the wire are local ISO 8601 without an offset, as in
 * checkpoint.json, which JavaScript parses as local time — exactly what the user saw when saving.
 */

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/** Parses a wire time ("2025-01-04T14:30:22"); undefined when it is not a valid date. */
export function parseWireTime(value: string): Date | undefined {
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed;
}

/** "just now", "5 min ago", "3 h ago", "2 days ago"; older than 30 days: the date (YYYY-MM-DD). */
export function formatAge(then: Date, now: Date): string {
  const elapsed = now.getTime() - then.getTime();
  // A clock skew of a few seconds between processes must not read as "in the future".
  if (elapsed < minute) {
    return 'just now';
  }
  if (elapsed < hour) {
    return `${Math.floor(elapsed / minute)} min ago`;
  }
  if (elapsed < day) {
    return `${Math.floor(elapsed / hour)} h ago`;
  }
  const days = Math.floor(elapsed / day);
  if (days <= 30) {
    return days === 1 ? '1 day ago' : `${days} days ago`;
  }
  return localDate(then);
}

/** Age of a wire time, or the raw text when it cannot be parsed (never throws on bad input). */
export function formatWireAge(value: string, now: Date): string {
  const parsed = parseWireTime(value);
  return parsed ? formatAge(parsed, now) : value;
}

/** YYYY-MM-DD in local time: the name of the day's episodic note. */
export function localDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** "12.3 KB" style sizes for tooltips. */
export function formatSize(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]}`;
}
