import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ResumeResult } from '../src/client/protocol';
import { describeServerError, isCancellation } from '../src/client/serverErrors';
import { resumeChangesNothing, resumeCounts, resumeDoneMessage, resumePreviewDetail } from '../src/model/resumeSummary';

const dryRun: ResumeResult = {
  id: 'module-05_20250104_143022', target: '/work', dryRun: true,
  created: ['new.md'], overwritten: ['app.ts', 'README.md'], deleted: [], unchanged: ['same.md'],
  leftAlone: 4, verified: false, failed: [], damaged: [],
};

test('the preview counts added, overwritten, unchanged and left-alone files', () => {
  assert.equal(resumeCounts(dryRun), '1 added, 2 overwritten, 1 unchanged, 4 left alone');
});

test('the preview detail lists the files that would be written', () => {
  const detail = resumePreviewDetail(dryRun);
  assert.match(detail, /Added \(1\):\n {2}new\.md/);
  assert.match(detail, /Overwritten \(2\):\n {2}app\.ts\n {2}README\.md/);
  assert.match(detail, /4 file\(s\) not in the checkpoint are left alone/);
});

test('long lists are cut with a count of the rest', () => {
  const many = { ...dryRun, created: Array.from({ length: 20 }, (_, i) => `f${i}.md`) };
  assert.match(resumePreviewDetail(many), /… and 8 more/);
});

test('a resume that changes nothing is recognised', () => {
  assert.equal(resumeChangesNothing({ ...dryRun, created: [], overwritten: [] }), true);
  assert.equal(resumeChangesNothing(dryRun), false);
});

test('the done message names the safety checkpoint taken before overwriting', () => {
  const message = resumeDoneMessage({ ...dryRun, dryRun: false, verified: true, safetyCheckpoint: 'auto-safety_20250104_150000' });
  assert.match(message, /Hashes verified/);
  assert.match(message, /auto-safety_20250104_150000/);
});

test('server errors show the server message plus what is available', () => {
  const error = { code: -32602, message: 'No checkpoint named "modul-05".', data: { kind: 'notFound', available: ['module-05', 'intro'] } };
  assert.equal(describeServerError(error), 'No checkpoint named "modul-05". Available: module-05, intro.');
});

test('integrity errors list the damaged files', () => {
  const error = { message: 'Checkpoint m_20250104_143022 is damaged.', data: { kind: 'integrity', damaged: [{ path: 'a.md', problem: 'mismatch' }] } };
  assert.equal(describeServerError(error), 'Checkpoint m_20250104_143022 is damaged. Damaged: a.md (mismatch).');
});

test('an error without a message still says something', () => {
  assert.match(describeServerError({}), /failed without a message/);
  assert.equal(describeServerError(new Error('boom')), 'boom');
});

test('a cancelled request is recognised so it is not reported as a failure', () => {
  assert.equal(isCancellation({ code: -32800, message: 'Request cancelled' }), true);
  assert.equal(isCancellation(new Error('boom')), false);
});
