import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CheckpointDetail, CheckpointSummary, DiffResult, ResumeResult } from '../src/client/protocol';
import { serverCommandLine } from '../src/client/serverCommandLine';
import {
  deletePreviewMarkdown,
  diffAnswer,
  listAnswer,
  noteAnswer,
  listLimit,
  pruneAnswer,
  prunePreviewMarkdown,
  restoreAnswer,
  restorePreviewMarkdown,
  saveAnswer,
  showAnswer,
  verifyAnswer,
} from '../src/model/toolResults';

const summary: CheckpointSummary = {
  id: 'module-05_20250104_143022', name: 'module-05', timestamp: '20250104_143022', created: '2025-01-04T14:30:22',
  stage: 'draft', notes: 'Three case studies done', totalFiles: 3, totalWords: 900, totalSize: 2048, layout: 'objects', scope: [''],
};

const restored: ResumeResult = {
  id: summary.id, target: '/work', dryRun: false, created: ['new.md'], overwritten: ['src/app.js'], deleted: [], unchanged: ['same.md'],
  leftAlone: 2, verified: true, failed: [], damaged: [], safetyCheckpoint: 'module-05-pre-restore_20250105_090000',
};

test('a save answer gives the id and what the save cost', () => {
  const answer = saveAnswer({ checkpoint: summary, newObjects: 1, reusedObjects: 2, bytesWritten: 512, elapsedMs: 12, skipped: [] });
  assert.match(answer.summary, /^Saved module-05_20250104_143022: 3 files \(2\.0 KB\); 1 new contents stored \(512 B written\), 2 unchanged ones reused\.$/);
  assert.equal((answer.json as { checkpoint: CheckpointSummary }).checkpoint.id, summary.id);
});

test('a save answer names what was not saved, and counts the rest', () => {
  const skipped = [
    { path: 'bad\\xFF.txt', reason: 'name is not valid UTF-8: not saved (rename it to save it)' },
    { path: 'fifo', reason: 'not a regular file' },
    { path: 'link', reason: 'symbolic link (not followed)' },
    { path: 'z', reason: 'unreadable: denied' },
  ];
  const answer = saveAnswer({ checkpoint: summary, newObjects: 0, reusedObjects: 3, bytesWritten: 0, elapsedMs: 5, skipped });
  assert.match(answer.summary, / Not saved: bad\\xFF\.txt \(name is not valid UTF-8[^;]*\); fifo \(not a regular file\); link \(symbolic link \(not followed\)\); and 1 more\.$/);
});

test('an empty list says how to make a checkpoint, or that the name has none', () => {
  assert.match(listAnswer({ checkpoints: [] }).summary, /no checkpoints yet\. checkpoint_save creates one/);
  assert.match(listAnswer({ checkpoints: [] }, 'ghost').summary, /No checkpoint named ghost/);
  assert.match(listAnswer({ checkpoints: [summary] }).summary, /1 checkpoint\(s\)[^]*- module-05_20250104_143022 \(stage draft, 3 files, 2\.0 KB, saved 2025-01-04T14:30:22\) — Three case studies done/);
});

test('a list says how many checkpoints it could not read and where to learn why', () => {
  const answer = listAnswer({ checkpoints: [summary], unreadable: ['broken_20250101_000000'] });
  assert.match(answer.summary, /1 damaged checkpoint\(s\) not listed \(their checkpoint\.json cannot be read\): broken_20250101_000000; checkpoint_verify says what is wrong\.$/);
  assert.deepEqual((answer.json as { unreadable: string[] }).unreadable, ['broken_20250101_000000']);
  assert.match(listAnswer({ checkpoints: [], unreadable: ['broken_20250101_000000'] }).summary, /^No readable checkpoints\. 1 damaged/);
});

test('long lists are cut in the JSON and the cut is counted', () => {
  const many = Array.from({ length: listLimit + 5 }, (_, i) => ({ ...summary, id: `m_${i}` }));
  const answer = listAnswer({ checkpoints: many });
  const json = answer.json as { checkpoints: unknown[]; total: number };
  assert.equal(json.checkpoints.length, listLimit);
  assert.equal(json.total, listLimit + 5);
  assert.match(answer.summary, /… and 155 more/);

  const files = Array.from({ length: listLimit + 1 }, (_, i) => ({ path: `f${i}.md`, size: 1, modified: '', hash: 'sha256:0', wordCount: 0 }));
  const detail: CheckpointDetail = { ...summary, metadata: {}, files };
  const shown = showAnswer(detail);
  assert.equal((shown.json as CheckpointDetail).files.length, listLimit);
  assert.match(shown.summary, /Files \(first 200 of 201\): f0\.md, f1\.md/);
});

test('a diff answer counts and lists each kind of difference, or says the tree matches', () => {
  const diff: DiffResult = { id: summary.id, added: ['new.js'], removed: [], changed: ['src/app.js'], unchanged: 4 };
  const answer = diffAnswer(diff);
  assert.match(answer.summary, /1 added, 0 removed, 1 changed, 4 unchanged\.\nChanged since the checkpoint:\n- `src\/app\.js`\nOnly in the working tree \(new since\):\n- `new\.js`$/);
  assert.match(diffAnswer({ ...diff, added: [], changed: [] }).summary, /The working tree matches the checkpoint\./);
});

test('the restore confirmation lists what is overwritten and says it can be undone', () => {
  const preview = { ...restored, dryRun: true, safetyCheckpoint: undefined };
  const markdown = restorePreviewMarkdown(preview, true);
  assert.match(markdown, /Restore \*\*module-05_20250104_143022\*\* into `\/work`: 1 added, 1 overwritten, 1 unchanged, 2 left alone\./);
  assert.match(markdown, /\*\*Overwritten \(1\)\*\*\n\n- `src\/app\.js`/);
  assert.match(markdown, /first saved in a safety checkpoint, so this restore can be undone/);
  assert.match(restorePreviewMarkdown(preview, false), /nothing in the workspace changes/);
});

test('the restore answer says how to undo it with the safety checkpoint', () => {
  const answer = restoreAnswer(restored);
  assert.match(answer.summary, /Every written file was verified/);
  assert.match(answer.summary, /to undo, call checkpoint_restore with \{"id": "module-05-pre-restore_20250105_090000"\}/);
  assert.doesNotMatch(restoreAnswer({ ...restored, safetyCheckpoint: undefined }).summary, /undo/);
  assert.match(restoreAnswer({ ...restored, failed: [{ path: 'x', reason: 'denied' }] }).summary, /1 file\(s\) failed: x \(denied\)/);
});

test('the delete confirmation shows the versions that would exist only in this checkpoint', () => {
  const detail: CheckpointDetail = { ...summary, metadata: {}, files: [] };
  const markdown = deletePreviewMarkdown(detail, { id: summary.id, added: [], removed: ['gone.md'], changed: ['src/app.js'], unchanged: 1 });
  assert.match(markdown, /1 file\(s\) changed since it was saved, 1 deleted since, 0 new/);
  assert.match(markdown, /- `src\/app\.js`\n- `gone\.md`/);
  assert.match(markdown, /cannot be undone/);
});

test('verify names each damaged file', () => {
  const ok = verifyAnswer({ ok: true, checkpoints: [{ id: 'a', ok: true, files: 3, damaged: [] }] });
  assert.match(ok.summary, /Verified 1 checkpoint\(s\), 3 file\(s\)/);
  const bad = verifyAnswer({ ok: false, checkpoints: [{ id: 'a', ok: false, files: 3, damaged: [{ path: 'x.md', problem: 'mismatch' }] }, { id: 'b', ok: true, files: 1, damaged: [] }] });
  assert.match(bad.summary, /1 of 2 checkpoint\(s\) are damaged:\n- a: x\.md \(mismatch\)/);
});

test('prune says whether it deleted or only listed', () => {
  const result = { dryRun: true, deleted: ['old_20250101_000000'], kept: ['new_20260101_000000'], objectsRemoved: 0, bytesFreed: 0 };
  assert.match(pruneAnswer(result).summary, /^Would prune 1 checkpoint\(s\): old_20250101_000000; 1 kept\. Nothing was deleted \(dry run\)\.$/);
  assert.match(pruneAnswer({ ...result, dryRun: false, objectsRemoved: 4, bytesFreed: 2048 }).summary, /^Pruned 1 .*freed 2\.0 KB \(4 stored contents\)\.$/);
  assert.match(prunePreviewMarkdown(result), /Prune \*\*1\*\* checkpoint\(s\); 1 are kept:\n\n- `old_20250101_000000`/);
});

test('the MCP server runs the same server and workspace as the language server, with the verb mcp', () => {
  const inputs = { dotnet: '/usr/bin/dotnet', server: { file: '/ext/server/checkpoint.dll', kind: 'dll' as const }, root: '/work', store: '/work/memory/checkpoints' };
  assert.deepEqual(serverCommandLine(inputs, ['mcp']), {
    command: '/usr/bin/dotnet',
    args: ['/ext/server/checkpoint.dll', '--root', '/work', '--store', '/work/memory/checkpoints', 'mcp'],
  });
  assert.deepEqual(serverCommandLine({ dotnet: 'dotnet', server: { file: 'c.dll', kind: 'dll' } }, ['serve', '--clientProcessId', '7']).args, ['c.dll', 'serve', '--clientProcessId', '7']);
  // The linux-x64 package: the native executable is the command, no dotnet anywhere.
  assert.deepEqual(serverCommandLine({ server: { file: '/ext/server/checkpoint', kind: 'native' }, root: '/work', store: '/work/memory/checkpoints' }, ['mcp']), {
    command: '/ext/server/checkpoint',
    args: ['--root', '/work', '--store', '/work/memory/checkpoints', 'mcp'],
  });
});

test('a note answer says where the entry went, which snapshot it links and how to restore it', () => {
  const snapshot = { checkpoint: { ...summary, id: 'notes-2026-02-13_20260213_094000' }, newObjects: 1, reusedObjects: 0, bytesWritten: 5, elapsedMs: 3, skipped: [] };
  const answer = noteAnswer({ path: '/work/memory/episodic/2026-02-13.md', line: 2, text: '## EMERGENCY CHECKPOINT 09:40\n\n**TASK:** t\n', snapshot });
  assert.match(answer.summary, /^Wrote the entry to \/work\/memory\/episodic\/2026-02-13\.md at line 3\. Snapshot notes-2026-02-13_20260213_094000 \(3 files\) is linked from it: checkpoint_restore with \{"id": "notes-2026-02-13_20260213_094000"\} brings those files back\.\n\n## EMERGENCY CHECKPOINT 09:40/);
  assert.match(noteAnswer({ path: '/n.md', line: 0, text: 'x' }).summary, /^Wrote the entry to \/n\.md at line 1\.\n\nx$/);
});
