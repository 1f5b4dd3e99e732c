import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatAge, formatSize, formatWireAge, localDate, parseWireTime } from '../src/model/age';

const now = new Date(2026, 10, 22, 12, 0, 0);
const ago = (ms: number) => new Date(now.getTime() - ms);

test('ages read as a person would say them', () => {
  assert.equal(formatAge(ago(10_000), now), 'just now');
  assert.equal(formatAge(ago(5 * 60_000), now), '5 min ago');
  assert.equal(formatAge(ago(3 * 3_600_000 + 59 * 60_000), now), '3 h ago');
  assert.equal(formatAge(ago(26 * 3_600_000), now), '1 day ago');
  assert.equal(formatAge(ago(10 * 86_400_000), now), '10 days ago');
});

test('ages beyond a month show the date instead', () => {
  assert.equal(formatAge(new Date(2026, 0, 5, 9, 0), now), '2026-01-05');
});

test('a time slightly in the future (clock skew) reads as just now', () => {
  assert.equal(formatAge(new Date(now.getTime() + 5_000), now), 'just now');
});

test('wire times are local times without offset', () => {
  assert.equal(parseWireTime('2026-11-22T11:30:00')?.getTime(), new Date(2026, 10, 22, 11, 30, 0).getTime());
  assert.equal(formatWireAge('2026-11-22T11:30:00', now), '30 min ago');
});

test('an unparseable wire time is shown as it is, not as NaN', () => {
  assert.equal(parseWireTime('yesterday-ish'), undefined);
  assert.equal(formatWireAge('yesterday-ish', now), 'yesterday-ish');
});

test('the local date names the day note', () => {
  assert.equal(localDate(new Date(2026, 1, 3, 23, 59)), '2026-02-03');
});

test('sizes use binary units with one decimal', () => {
  assert.equal(formatSize(512), '512 B');
  assert.equal(formatSize(125_678), '122.7 KB');
  assert.equal(formatSize(5 * 1024 * 1024), '5.0 MB');
});
