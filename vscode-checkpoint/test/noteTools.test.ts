import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { contextAdvice, contextAdviceAnswer, latestEntry, recoverAnswer } from '../src/model/noteTools';

const note = readFileSync(path.join(__dirname, '..', 'test', 'fixtures', '2026-02-13.md'), 'utf8');

test('recovery starts from the newest checkpoint entry; a later Quick Note does not count', () => {
  // The fixture ends with "SURVIVAL 21:10" and then "#### 21:15 Note".
  const latest = latestEntry(note);
  assert.equal(latest?.entry.format, 'survival');
  assert.equal(latest?.entry.time, '21:10');
  assert.equal(latest?.text, '## SURVIVAL 21:10 - Context: 97%\n\n**TASK:** Finish VERSION.md\n**NEXT:** Commit\n**BLOCKED:** No');
  assert.equal(latestEntry('# 2026-02-13\n\n### 09:00 Note\nonly a note\n')?.entry.format, 'quick');
  assert.equal(latestEntry('# 2026-02-13\n\nNo entries here.\n'), undefined);
});

test("the entry's last Snapshot line is the snapshot it links", () => {
  const text = [
    '## EMERGENCY CHECKPOINT 16:10 — Context: 88%', '', '**TASK:** Ship', '**Snapshot:** notes-2026-02-13_20260213_150000',
    '**Snapshot:** notes-2026-02-13_20260213_161000_2', '',
  ].join('\r\n');
  const latest = latestEntry(`## Checkpoint 14:30 — Context: 75%\n**Snapshot:** old_20260213_143000\n\n${text}`);
  assert.equal(latest?.snapshot, 'notes-2026-02-13_20260213_161000_2');
  assert.equal(latestEntry('### 09:00 Note\n\nno link\n')?.snapshot, undefined);
});

test('the recover answer leads with the brief and says how to use the linked snapshot', () => {
  const latest = latestEntry('## SURVIVAL 17:55 — Context: 97%\n\n**TASK:** Ship\n**NEXT:** Tag\n**BLOCKED:** No\n**Snapshot:** notes-2026-02-13_20260213_175500\n')!;
  const answer = recoverAnswer('2026-02-13', '/w/memory/episodic/2026-02-13.md', latest, 'Resuming from checkpoint at 17:55. Last captured: Ship. Continuing with Tag.');
  assert.match(answer.summary, /^Resuming from checkpoint at 17:55\. Last captured: Ship\. Continuing with Tag\.\n\(From "SURVIVAL 17:55 — Context: 97%", 2026-02-13, line 1 of \/w\/memory\/episodic\/2026-02-13\.md\.\) Its files were snapshotted as notes-2026-02-13_20260213_175500: checkpoint_diff/);
  assert.deepEqual({ ...(answer.json as object), entry: undefined }, {
    brief: 'Resuming from checkpoint at 17:55. Last captured: Ship. Continuing with Tag.', day: '2026-02-13', file: '/w/memory/episodic/2026-02-13.md',
    line: 0, format: 'survival', time: '17:55', contextPct: 97, snapshot: 'notes-2026-02-13_20260213_175500', entry: undefined,
  });
});

test('the context bands prescribe the seed formats at their edges', () => {
  const formatAt = (pct: number) => contextAdvice(pct).format;
  assert.deepEqual([0, 49, 50, 69, 70, 84, 85, 94, 95, 100].map(formatAt),
    [undefined, undefined, 'quick', 'quick', 'full', 'full', 'emergency', 'emergency', 'survival', 'survival']);
});

test('the advice names the format and band, and quotes the template it must follow', () => {
  const answer = contextAdviceAnswer(contextAdvice(88), '## EMERGENCY CHECKPOINT 16:10 — Context: 88%\n**TASK:** [One line]');
  assert.match(answer.summary, /^At 88 % context the seed prescribes an Emergency checkpoint \(85–94 %\)\. Write an Emergency checkpoint now/);
  assert.match(answer.summary, /replace every placeholder\):\n\n## EMERGENCY CHECKPOINT/);
  assert.match(contextAdviceAnswer(contextAdvice(30)).summary, /^At 30 % context: Below 50 % no checkpoint note is required/);
});
