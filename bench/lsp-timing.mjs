#!/usr/bin/env node
// Times the language server (`checkpoint serve`) the way the editor uses it, with no dependencies:
//   - spawn → initialize response (one warm-up spawn, then --spawns timed ones);
//   - textDocument/codeLens on a generated 1 MB episodic note: --requests requests after one
//     warm-up, each on a new document version (didChange then codeLens: parse + lenses; the change is
//     a range when the server asks for incremental sync, as the editor then sends), then
//     --requests on the same version (what the server may answer from its cache).
// Prints one JSON line on stdout: { initialize, lensNewVersion, lensSameVersion, ... } with p50/p95
// in milliseconds, or { na: "why" } for a part the server does not (yet) support. Progress and the
// server's stderr go to stderr. Usage:
//   node bench/lsp-timing.mjs --server path/to/checkpoint [--workspace DIR] [--spawns 15] [--requests 50]
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const options = parseArguments(process.argv.slice(2));
const log = (message) => process.stderr.write(`[lsp-timing] ${message}\n`);

/** A JSON-RPC 2.0 connection over the LSP base protocol (Content-Length framing) to a child process. */
class Connection {
  constructor(server, cwd) {
    this.child = spawn(server, ['serve'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.nextId = 1;
    this.pending = new Map();
    this.buffer = Buffer.alloc(0);
    this.exited = new Promise((resolve) => {
      const ended = (reason) => {
        if (this.exitCode !== undefined) return;
        this.exitCode = reason;
        for (const { reject, timer } of this.pending.values()) {
          clearTimeout(timer);
          reject(new Error(`server ${reason}`));
        }
        this.pending.clear();
        resolve();
      };
      this.child.on('exit', (code, signal) => ended(`exited (${code ?? signal})`));
      this.child.on('error', (error) => ended(`could not be started: ${error.message}`));
    });
    this.child.stdin.on('error', () => {}); // the server may exit before reading everything
    this.child.stdout.on('data', (chunk) => this.receive(chunk));
    this.stderrTail = '';
    this.child.stderr.on('data', (chunk) => { this.stderrTail = (this.stderrTail + chunk).slice(-2000); });
  }

  receive(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const match = /Content-Length:\s*(\d+)/i.exec(header);
      if (!match) throw new Error(`bad header from server: ${JSON.stringify(header)}`);
      const length = Number(match[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(JSON.parse(body));
    }
  }

  dispatch(message) {
    if (message.method !== undefined && message.id !== undefined) {
      // A request from the server (registerCapability, workDoneProgress/create, configuration):
      // answer so that it never waits on us.
      const items = message.params?.items;
      this.send({ jsonrpc: '2.0', id: message.id, result: Array.isArray(items) ? items.map(() => null) : null });
    } else if (message.id !== undefined && this.pending.has(message.id)) {
      const { resolve, timer } = this.pending.get(message.id);
      clearTimeout(timer);
      this.pending.delete(message.id);
      resolve(message);
    }
  }

  send(message) {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin.write(body);
  }

  /** Resolves with the whole response ({ result } or { error }); rejects on timeout or exit. */
  request(method, params, timeoutMs = options.timeout) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.exitCode !== undefined) {
        reject(new Error(`server ${this.exitCode}`));
        return;
      }
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method}: no response within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method, params) {
    this.send({ jsonrpc: '2.0', method, params });
  }

  async close() {
    if (this.exitCode === undefined) {
      try {
        await this.request('shutdown', null, 3000);
        this.notify('exit', null);
      } catch { /* a server that cannot shut down is killed below */ }
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 3000);
      await this.exited;
      clearTimeout(timer);
    }
  }
}

function initializeParams(workspace) {
  return {
    processId: process.pid,
    clientInfo: { name: 'checkpoint-bench' },
    rootUri: pathToFileURL(workspace).href,
    workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'bench' }],
    capabilities: {
      textDocument: {
        synchronization: { didSave: true },
        codeLens: {},
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        publishDiagnostics: {},
      },
      window: { workDoneProgress: true },
    },
  };
}

function describeError(response) {
  return `${response.error.code}: ${response.error.message}`;
}

async function timeInitialize(workspace) {
  const samples = [];
  for (let index = 0; index <= options.spawns; index++) {
    const started = performance.now();
    const connection = new Connection(options.server, workspace);
    try {
      const response = await connection.request('initialize', initializeParams(workspace));
      const elapsed = performance.now() - started;
      if (response.error) return { na: `initialize failed: ${describeError(response)}` };
      connection.notify('initialized', {});
      if (index > 0) samples.push(elapsed); // the first spawn warms the disk cache and is not counted
    } catch (error) {
      return { na: `${error.message}${connection.stderrTail ? ` (stderr: ${connection.stderrTail.trim().slice(-200)})` : ''}` };
    } finally {
      await connection.close();
    }
  }
  return summarize(samples);
}

async function timeCodeLens(workspace, note) {
  const connection = new Connection(options.server, workspace);
  const result = {};
  try {
    const initialized = await connection.request('initialize', initializeParams(workspace));
    if (initialized.error) return { na: `initialize failed: ${describeError(initialized)}` };
    connection.notify('initialized', {});
    result.codeLensProvider = initialized.result?.capabilities?.codeLensProvider ?? null;
    const uri = pathToFileURL(note.path).href;
    let version = 1;
    connection.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text: note.text } });
    const lens = () => connection.request('textDocument/codeLens', { textDocument: { uri } });

    const warmUp = await lens(); // first parse and JIT, not counted
    if (warmUp.error) return { na: `textDocument/codeLens: ${describeError(warmUp)}` };
    result.lensCount = Array.isArray(warmUp.result) ? warmUp.result.length : 0;
    if (result.lensCount === 0) result.warning = 'the server returned no lenses for the note';

    const newVersion = [];
    // As the editor does: the edited range when the server asks for incremental sync, else the whole text.
    const incremental = initialized.result?.capabilities?.textDocumentSync?.change === 2;
    result.sync = incremental ? 'incremental' : 'full';
    const noteLines = note.text.split('\n');
    const noteEnd = { line: noteLines.length - 1, character: noteLines[noteLines.length - 1].length };
    for (let index = 0; index < options.requests; index++) {
      version += 1;
      // A small real edit at the end, so every version has different content (no content cache hit):
      // the note plus a quick note naming the edit (three lines, replaced by the next edit).
      const tail = `\n### 23:59 Note\nEdit ${index} of the benchmark.\n`;
      const change = !incremental ? { text: `${note.text}${tail}` }
        : { range: { start: noteEnd, end: index === 0 ? noteEnd : { line: noteEnd.line + 3, character: 0 } }, text: tail };
      const started = performance.now();
      connection.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
      const response = await lens();
      if (response.error) return { ...result, na: `textDocument/codeLens after didChange: ${describeError(response)}` };
      newVersion.push(performance.now() - started);
    }
    const sameVersion = [];
    for (let index = 0; index < options.requests; index++) {
      const started = performance.now();
      const response = await lens();
      if (response.error) return { ...result, na: `textDocument/codeLens: ${describeError(response)}` };
      sameVersion.push(performance.now() - started);
    }
    return { ...result, lensNewVersion: summarize(newVersion), lensSameVersion: summarize(sameVersion) };
  } catch (error) {
    return { ...result, na: `${error.message}${connection.stderrTail ? ` (stderr: ${connection.stderrTail.trim().slice(-200)})` : ''}` };
  } finally {
    await connection.close();
  }
}

/** About 1 MB of episodic note: the five entry formats in turn, as the seed's templates write them. */
function generateNote(targetBytes) {
  const formats = [
    (time, pct, i) => `## Checkpoint ${time} — Context: ${pct}%

### Current Session
**Started:** 13:45, 2026-02-13
**Task:** Refactor the payment module, step ${i}
**Status:** in progress

### Work State

**Active Files:**
- src/payments/ledger-${i % 97}.ts — splitting the reconciliation loop
- src/payments/README.md — documenting the new flow

**Key Decisions Made:**
- Keep the public API, move validation into the parser
- Batch writes per account to keep the lock short

**Progress:**
- [x] Read the existing ledger code
- [x] Wrote the failing tests for partial refunds
- [ ] Move validation (CURRENT TASK)
- [ ] Run the whole suite

### Context to Preserve

**Human's Goals:**
- Fewer double refunds in production

**Important Constraints:**
- No schema change this week

**Preferences Expressed:**
- Small commits, one concern each

### Resume Instructions
1. Open src/payments/ledger-${i % 97}.ts at the reconciliation loop
2. Finish moving validation, then run the suite

### Open Questions
- Should refunds above the limit need a second approval?

**Notes:** Entry ${i} written by the benchmark generator.
`,
    (time, pct, i) => `## EMERGENCY CHECKPOINT ${time} — Context: ${pct}%

**TASK:** Updating scripts to use memory/episodic/ paths (${i})
**STATUS:** Updated 4 of 4 scripts
**NEXT:** Test all scripts, document the final list of changes
**BLOCKED:** None
**FILES:** scripts/daily-ops.sh, scripts/status.sh
`,
    (time, pct, i) => `## SURVIVAL ${time} — Context: ${pct}%

**TASK:** Finish migration ${i}
**NEXT:** Run the migration on staging
**BLOCKED:** No
`,
    (time, _pct, i) => `## Pre-Operation ${time}

**About to:** Rename the ledger tables (operation ${i})
**Current state:** All tests pass, backup taken
**After success:** Update the ORM mappings and announce
**If failure:** Restore the backup, note the error in the daily log
`,
    (time, _pct, i) => `### ${time} Note
Noticed that the retry loop in worker ${i} swallows timeouts; fix after the current task.
`,
  ];
  const contextFor = [75, 88, 96, 60, 55]; // the seed's thresholds for each format
  const parts = ['# Episodic memory — 2026-01-04\n\n'];
  let bytes = parts[0].length;
  let entries = 0;
  while (bytes < targetBytes) {
    const minutes = entries % 1440;
    const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    const format = entries % formats.length;
    // Every 50th entry's context does not match its format, so diagnostics have work to do.
    const pct = entries % 50 === 7 ? 40 : contextFor[format];
    const entry = `${formats[format](time, pct, entries)}\n`;
    parts.push(entry);
    bytes += Buffer.byteLength(entry);
    entries += 1;
  }
  return { text: parts.join(''), entries, bytes };
}

function summarize(samples) {
  if (samples.length === 0) return { na: 'no samples' };
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  const round = (value) => Math.round(value * 100) / 100;
  return { n: samples.length, p50: round(rank(0.5)), p95: round(rank(0.95)), min: round(sorted[0]), max: round(sorted.at(-1)) };
}

function parseArguments(argv) {
  const parsed = { server: '', workspace: '', spawns: 15, requests: 50, timeout: 20000, noteBytes: 1024 * 1024 };
  for (let index = 0; index < argv.length; index += 2) {
    const key = argv[index].replace(/^--/, '');
    const value = argv[index + 1];
    if (!(key in parsed) || value === undefined) {
      process.stderr.write(`unknown or incomplete option ${argv[index]}; options: --server --workspace --spawns --requests --timeout --noteBytes\n`);
      process.exit(2);
    }
    parsed[key] = typeof parsed[key] === 'number' ? Number(value) : value;
  }
  if (!parsed.server) {
    process.stderr.write('--server path/to/checkpoint is required\n');
    process.exit(2);
  }
  return parsed;
}

async function main() {
  const workspace = options.workspace || mkdtempSync(join(tmpdir(), 'checkpoint-lsp-'));
  const episodic = join(workspace, 'memory', 'episodic');
  mkdirSync(episodic, { recursive: true });
  const note = generateNote(options.noteBytes);
  note.path = join(episodic, '2026-01-04.md');
  writeFileSync(note.path, note.text);
  log(`note: ${note.bytes} bytes, ${note.entries} entries at ${note.path}`);

  log(`initialize: ${options.spawns} spawns after one warm-up`);
  const initialize = await timeInitialize(workspace);
  log(`initialize: ${JSON.stringify(initialize)}`);
  log(`codeLens: ${options.requests} new-version and ${options.requests} same-version requests`);
  const lens = await timeCodeLens(workspace, note);
  log(`codeLens: ${JSON.stringify(lens)}`);
  const na = lens.na ? { na: lens.na } : undefined;
  process.stdout.write(`${JSON.stringify({
    noteBytes: note.bytes,
    noteEntries: note.entries,
    initialize,
    lensNewVersion: lens.lensNewVersion ?? na ?? { na: 'not measured' },
    lensSameVersion: lens.lensSameVersion ?? na ?? { na: 'not measured' },
    lensCount: lens.lensCount,
    sync: lens.sync,
    codeLensProvider: lens.codeLensProvider,
    warning: lens.warning,
  })}\n`);
}

main().catch((error) => {
  // The script itself is broken: say so on stdout in the same shape, so the harness reports it.
  process.stdout.write(`${JSON.stringify({ error: `lsp-timing.mjs: ${error.stack ?? error}` })}\n`);
  process.exit(1);
});
