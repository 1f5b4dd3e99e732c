import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ChangeEchoFilter, SharedListing } from '../src/model/storeChanges';

test("the server's echo of a change this window announced is not a second refresh", () => {
  const filter = new ChangeEchoFilter();
  filter.announce(['work_20261202_010000'], 1_000);
  assert.equal(filter.notified(['work_20261202_010000'], 1_400), false);
});

test('a notification with any id not announced here passes (another window, the CLI)', () => {
  const filter = new ChangeEchoFilter();
  filter.announce(['a_1'], 0);
  assert.equal(filter.notified(['a_1', 'b_2'], 10), true);
  assert.equal(filter.notified(['c_3'], 20), true);
});

test('an echo is consumed: the next change to the same id (its deletion) reaches the views', () => {
  const filter = new ChangeEchoFilter();
  filter.announce(['a_1'], 0);
  assert.equal(filter.notified(['a_1'], 100), false);
  // Deleted from another window: the server reports the id again, and it must pass.
  assert.equal(filter.notified(['a_1'], 5_000), true);
});

test('announcements are remembered only for the window', () => {
  const filter = new ChangeEchoFilter(10_000);
  filter.announce(['a_1'], 0);
  assert.equal(filter.notified(['a_1'], 10_001), true);
});

test('events without ids always pass: they say only that something changed', () => {
  const filter = new ChangeEchoFilter();
  filter.announce([], 0);
  assert.equal(filter.notified([], 1), true);
  assert.equal(filter.notified(undefined, 2), true);
});

test('views share one listing per change', async () => {
  let fetches = 0;
  const listing = new SharedListing(async () => ++fetches);
  const [tree, statusBar] = await Promise.all([listing.get(), listing.get()]);
  assert.deepEqual([tree, statusBar, fetches], [1, 1, 1]);
  listing.invalidate();
  assert.equal(await listing.get(), 2);
  assert.equal(await listing.get(), 2);
});

test('a failed listing is not kept: the next reader asks again', async () => {
  let fetches = 0;
  const listing = new SharedListing(async () => {
    fetches++;
    if (fetches === 1) {
      throw new Error('server not running');
    }
    return fetches;
  });
  await assert.rejects(listing.get(), /server not running/);
  assert.equal(await listing.get(), 2);
});
