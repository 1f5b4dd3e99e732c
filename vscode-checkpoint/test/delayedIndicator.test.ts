import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { withDelayedIndicator } from '../src/model/delayedIndicator';

test('a task that ends before the delay never shows its indicator', async () => {
  let shown = 0;
  const result = await withDelayedIndicator(delay(5).then(() => 'done'), () => shown++, 200);
  await delay(250);
  assert.equal(result, 'done');
  assert.equal(shown, 0);
});

test('a task that outlasts the delay shows its indicator once, with the running task', async () => {
  const shown: Promise<string>[] = [];
  const task = delay(120).then(() => 'late');
  const result = await withDelayedIndicator(task, (running) => shown.push(running), 30);
  assert.equal(result, 'late');
  assert.equal(shown.length, 1);
  assert.equal(await shown[0], 'late');
});

test('a failing task rejects with its own error and, when quick, shows nothing', async () => {
  let shown = 0;
  await assert.rejects(withDelayedIndicator(Promise.reject(new Error('server said no')), () => shown++, 50), /server said no/);
  await delay(80);
  assert.equal(shown, 0);
});
