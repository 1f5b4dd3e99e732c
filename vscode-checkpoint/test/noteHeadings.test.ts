import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { dayOfNoteFile, parseNoteEntries } from '../src/model/noteHeadings';

const fixture = readFileSync(path.join(__dirname, '..', 'test', 'fixtures', '2026-02-13.md'), 'utf8');

test('every format of the seed is found with its time, context and 0-based line', () => {
  const entries = parseNoteEntries(fixture).map(({ format, time, contextPct, line }) => ({ format, time, contextPct, line }));
  assert.deepEqual(entries, [
    { format: 'full', time: '14:30', contextPct: 75, line: 2 },
    { format: 'quick', time: '16:05', contextPct: undefined, line: 28 },
    { format: 'emergency', time: '19:45', contextPct: 88, line: 32 },
    { format: 'pre-operation', time: '20:20', contextPct: undefined, line: 40 },
    { format: 'survival', time: '21:10', contextPct: 97, line: 44 },
    { format: 'quick', time: '21:15', contextPct: undefined, line: 50 },
  ]);
});

test('a heading inside a fenced code block is not an entry', () => {
  assert.ok(!parseNoteEntries(fixture).some((entry) => entry.time === '15:00'));
});

test('CRLF line ends give the same lines as LF', () => {
  const crlf = fixture.replace(/\n/g, '\r\n');
  assert.deepEqual(parseNoteEntries(crlf).map((e) => e.line), parseNoteEntries(fixture).map((e) => e.line));
});

test('a full checkpoint needs a level-2 heading; other headings are ignored', () => {
  assert.equal(parseNoteEntries('### Checkpoint 10:00 — Context: 70%').length, 0);
  assert.equal(parseNoteEntries('## Checkpoints of the week').length, 0);
  assert.equal(parseNoteEntries('## Checkpoint 10:00').length, 1);
});

test('day note file names are recognised, other markdown files are not', () => {
  assert.equal(dayOfNoteFile('2026-02-13.md'), '2026-02-13');
  assert.equal(dayOfNoteFile('README.md'), undefined);
  assert.equal(dayOfNoteFile('2026-02-13.md.bak'), undefined);
});
