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
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Connection, describeError, generateNote, initializeParams, summarize } from './lsp-client.mjs';

const options = parseArguments(process.argv.slice(2));
const log = (message) => process.stderr.write(`[lsp-timing] ${message}\n`);

async function timeInitialize(workspace) {
  const samples = [];
  for (let index = 0; index <= options.spawns; index++) {
    const started = performance.now();
    const connection = new Connection(options.server, workspace, options.timeout);
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
  const connection = new Connection(options.server, workspace, options.timeout);
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
