import assert from 'node:assert/strict';
import { test } from 'node:test';
import { refOfId } from '../src/model/checkpointIds';
import { diffTitle, fromUriParts, toUriParts } from '../src/model/checkpointUri';

test('a checkpoint id splits into name and timestamp even when the name has underscores', () => {
  assert.deepEqual(refOfId('module_05_20250104_143022'), { name: 'module_05', timestamp: '20250104_143022' });
  assert.deepEqual(refOfId('notes-2026-02-13_20260213_143000_2'), { name: 'notes-2026-02-13', timestamp: '20260213_143000_2' });
  assert.equal(refOfId('module-05'), undefined);
});

test('a checkpoint file address survives the round trip through a URI path and query', () => {
  const address = { ref: { name: 'module-05', timestamp: '20250104_143022' }, path: 'docs/lecture notes.md' };
  const parts = toUriParts(address);
  assert.equal(parts.path, '/docs/lecture notes.md');
  assert.deepEqual(fromUriParts(parts.path, parts.query), address);
});

test('an address without a timestamp means the latest checkpoint of the name', () => {
  const parts = toUriParts({ ref: { name: 'intro', latest: true }, path: 'a.md' });
  assert.deepEqual(fromUriParts(parts.path, parts.query).ref, { name: 'intro', latest: true });
});

test('a URI that names no checkpoint is a clear error', () => {
  assert.throws(() => fromUriParts('/a.md', ''), /Not a checkpoint file address/);
});

test('the diff title names the file, the checkpoint and the working copy', () => {
  assert.equal(diffTitle({ ref: { name: 'm', timestamp: '20250104_143022' }, path: 'src/app.ts' }), 'app.ts (m 20250104_143022) ↔ working copy');
});
