// The language-server client the bench scripts share: a JSON-RPC 2.0 connection over the LSP base
// protocol (Content-Length framing) to a spawned `checkpoint serve`, the initialize params an editor
// sends, a generated episodic note, and p50/p95 summaries. No dependencies.
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';

/** A JSON-RPC 2.0 connection over the LSP base protocol (Content-Length framing) to a child process. */
export class Connection {
  constructor(server, cwd, timeoutMs = 20000) {
    this.timeoutMs = timeoutMs;
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
  request(method, params, timeoutMs = this.timeoutMs) {
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

export function initializeParams(workspace) {
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

export function describeError(response) {
  return `${response.error.code}: ${response.error.message}`;
}

/** About 1 MB of episodic note: the five entry formats in turn, as the seed's templates write them. */
export function generateNote(targetBytes) {
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

export function summarize(samples) {
  if (samples.length === 0) return { na: 'no samples' };
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  const round = (value) => Math.round(value * 100) / 100;
  return { n: samples.length, p50: round(rank(0.5)), p95: round(rank(0.95)), min: round(sorted[0]), max: round(sorted.at(-1)) };
}
