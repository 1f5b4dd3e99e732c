#!/usr/bin/env node
// The README's run command, tested as a user runs it: `npm start` on a free port (it builds, packages,
// installs the .vsix into code-server and serves the sample workspace), then the page in headless
// Chromium must show the sample workspace's checkpoints in the Checkpoints view. Afterwards the whole
// process group is stopped and checked to be gone. Ends with "N passed, N failed".
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { freePort, stopProcessGroup } from './processes.mjs';
import { waitFor } from './wait.mjs';
import { describeWorkbench, openWorkbench, showCheckpointsContainer, sidebarRow, timeouts } from './workbench.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// npm start builds and packages before it serves: on a loaded 2-core machine that takes minutes.
const startTimeoutMs = Number(process.env.START_TIMEOUT_MS ?? 15 * 60_000);

const temp = mkdtempSync(path.join(tmpdir(), 'checkpoint-start-'));
const logFile = path.join(temp, 'npm-start.log');
const results = [];
const check = async (name, body) => {
  const begin = Date.now();
  try {
    await body();
    results.push({ name, ok: true });
    console.log(`  ✓ ${name} (${Date.now() - begin} ms)`);
  } catch (error) {
    results.push({ name, ok: false });
    console.log(`  ✗ ${name} (${Date.now() - begin} ms)\n      ${String(error?.message ?? error).split('\n').join('\n      ')}`);
    return false;
  }
  return true;
};

const logText = () => {
  try {
    return readFileSync(logFile, 'utf8');
  } catch {
    return '';
  }
};

const port = await freePort();
const log = openSync(logFile, 'a');
// Its own process group (detached), so everything npm start forks can be signalled and counted.
const child = spawn('npm', ['start'], {
  cwd: repo,
  detached: true,
  stdio: ['ignore', log, log],
  env: { ...process.env, PORT: String(port) },
});
closeSync(log);
const group = child.pid;
let exitCode;
child.once('exit', (code, signal) => (exitCode = code ?? signal));
let browser;
let sample;

try {
  const served = await check(`npm start serves the sample workspace on port ${port}`, async () => {
    await waitFor(`npm start to serve on port ${port}`, startTimeoutMs, async () => {
      if (exitCode !== undefined) {
        throw Object.assign(new Error(`npm start exited with ${exitCode}:\n${logText().split('\n').slice(-30).join('\n')}`), { fatal: true });
      }
      const match = logText().match(/Open http:\/\/127\.0\.0\.1:\d+\/\?folder=(\S+)/);
      if (!match) return false;
      sample = match[1];
      try {
        return (await fetch(`http://127.0.0.1:${port}/healthz`)).ok;
      } catch {
        return false;
      }
    }, 500);
  });
  if (served) {
    await check("the page shows the sample workspace's checkpoints in the Checkpoints view", async () => {
      browser = await chromium.launch({
        executablePath: chromiumPath,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      });
      const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
      try {
        await openWorkbench(page, `http://127.0.0.1:${port}`, sample);
        await showCheckpointsContainer(page);
        // The checkpoints scripts/run.sh saves with the CLI, and the fixture's seed-layout one.
        for (const name of ['order-form', 'docs', 'lesson-plan']) {
          await sidebarRow(page, name).waitFor({ state: 'visible', timeout: timeouts.server });
        }
        await sidebarRow(page, '2026-11-20').waitFor({ state: 'visible', timeout: timeouts.ui });
      } catch (error) {
        const state = await describeWorkbench(page).catch(() => []);
        throw new Error(`${error.message}\n${state.join('\n')}`);
      }
    });
  }
} finally {
  await browser?.close().catch(() => undefined);
  const leftovers = await stopProcessGroup(group, sample);
  await check('nothing npm start ran is left after its process group is stopped', async () => {
    if (leftovers.length > 0) throw new Error(`still running: ${leftovers.map((p) => `${p.pid} ${p.cmdline}`).join('; ')}`);
  });
}

const failed = results.filter((result) => !result.ok).length;
if (failed > 0) {
  console.log(`npm start log kept at ${logFile}; its last lines:\n${logText().split('\n').slice(-20).join('\n')}`);
} else {
  rmSync(temp, { recursive: true, force: true });
}
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
