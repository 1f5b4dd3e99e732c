// Waiting on conditions, never on the clock: a condition is polled until it holds or the timeout
// expires, and the error then says what was awaited.
import { setTimeout as delay } from 'node:timers/promises';

export async function waitFor(what, timeoutMs, condition, pollMs = 100) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value;
    } catch (error) {
      lastError = error;
      if (error?.fatal) throw error;
    }
    if (Date.now() > deadline) {
      const cause = lastError ? ` (last error: ${lastError.message})` : '';
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${cause}`);
    }
    await delay(pollMs);
  }
}
