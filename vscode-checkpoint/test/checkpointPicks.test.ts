import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CheckpointSummary } from '../src/client/protocol';
import { checkpointPickItems, namePickItems, validateCheckpointName } from '../src/model/checkpointPicks';

function summary(name: string, timestamp: string, created: string, extra: Partial<CheckpointSummary> = {}): CheckpointSummary {
  return {
    id: `${name}_${timestamp}`, name, timestamp, created, stage: 'draft', notes: '', totalFiles: 3, totalWords: 100,
    totalSize: 2048, layout: 'objects', scope: [''], ...extra,
  };
}

const now = new Date(2026, 10, 22, 12, 0, 0);
const checkpoints = [
  summary('module-05', '20261122_114500', '2026-11-22T11:45:00', { stage: 'case-studies', notes: 'Completed 3 case studies' }),
  summary('module-05', '20261120_090000', '2026-11-20T09:00:00', { totalFiles: 1 }),
  summary('intro', '20261122_115900', '2026-11-22T11:59:00', { stage: 'outline' }),
];

test('checkpoint items are latest first across names, with stage, age, file count and timestamp', () => {
  const items = checkpointPickItems(checkpoints, now);
  assert.deepEqual(items.map((item) => item.label), ['intro', 'module-05', 'module-05']);
  assert.equal(items[0].description, 'outline · 1 min ago · 3 files · 20261122_115900');
  assert.equal(items[1].detail, 'Completed 3 case studies');
  assert.equal(items[2].description, 'draft · 2 days ago · 1 file · 20261120_090000');
  assert.equal(items[2].detail, undefined);
});

test('name items list existing names, most recently used first, with their counts', () => {
  assert.deepEqual(namePickItems(checkpoints, ''), [
    { label: 'intro', description: '1 checkpoint', isNew: false },
    { label: 'module-05', description: '2 checkpoints', isNew: false },
  ]);
});

test('a typed new name comes first and is marked new; an existing one is not duplicated', () => {
  const typed = namePickItems(checkpoints, 'module-06');
  assert.deepEqual(typed[0], { label: 'module-06', description: 'new name', isNew: true });
  assert.equal(typed.length, 3);
  assert.equal(namePickItems(checkpoints, 'intro').length, 2);
});

test('a typed name that breaks the naming rule says why in its description', () => {
  const [item] = namePickItems([], 'my name!');
  assert.equal(item.isNew, true);
  assert.match(item.description ?? '', /letters, digits/);
});

test('names follow the seed rule: letters, digits, "-", "_", at most 50 characters', () => {
  assert.equal(validateCheckpointName('module_05-b'), undefined);
  assert.match(validateCheckpointName('') ?? '', /Type a name/);
  assert.match(validateCheckpointName('a'.repeat(51)) ?? '', /at most 50/);
  assert.match(validateCheckpointName('../etc') ?? '', /only letters/);
});
