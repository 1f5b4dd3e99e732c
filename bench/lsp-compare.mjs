#!/usr/bin/env node
// Compares two builds of the language server in one run, on the same machine state: the contenders are
// spawned alternately (the order flips every round, so load from other processes falls on both alike),
// and each round measures, for each contender:
//   - spawn → initialize response;
//   - textDocument/documentSymbol round trips on a generated note (~100 KB by default): --warmup
//     requests not counted (steady state, not the first request), then --requests timed ones, each sent
//     when the previous answer has arrived.
// Prints one JSON line on stdout: { noteBytes, rounds, contenders: { NAME: { initialize, documentSymbol } } }
// with p50/p95 in milliseconds, and the ratio of the second contender to the first. Progress goes to stderr.
// Usage:
//   node bench/lsp-compare.mjs --a NAME=path/to/checkpoint --b NAME=path/to/checkpoint
//        [--rounds 10] [--warmup 200] [--requests 300] [--noteBytes 102400]
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Connection, describeError, generateNote, initializeParams, summarize } from './lsp-client.mjs';

const options = parseArguments(process.argv.slice(2));
const log = (message) => process.stderr.write(`[lsp-compare] ${message}\n`);

async function round(contender, workspace, note) {
  const started = performance.now();
  const connection = new Connection(contender.path, workspace);
  try {
    const initialized = await connection.request('initialize', initializeParams(workspace));
    const initialize = performance.now() - started;
    if (initialized.error) throw new Error(`initialize failed: ${describeError(initialized)}`);
    connection.notify('initialized', {});
    const uri = pathToFileURL(note.path).href;
    connection.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: note.text } });
    const symbols = () => connection.request('textDocument/documentSymbol', { textDocument: { uri } });
    let count = 0;
    for (let index = 0; index < options.warmup; index++) {
      const response = await symbols();
      if (response.error) throw new Error(`documentSymbol: ${describeError(response)}`);
      count = response.result.length;
    }
    if (count === 0) throw new Error('the server returned no symbols for the note');
    const roundTrips = [];
    for (let index = 0; index < options.requests; index++) {
      const sent = performance.now();
      const response = await symbols();
      roundTrips.push(performance.now() - sent);
      if (response.error) throw new Error(`documentSymbol: ${describeError(response)}`);
    }
    return { initialize, roundTrips, count };
  } catch (error) {
    throw new Error(`${contender.name}: ${error.message}${connection.stderrTail ? ` (stderr: ${connection.stderrTail.trim().slice(-200)})` : ''}`);
  } finally {
    await connection.close();
  }
}

async function main() {
  const workspace = mkdtempSync(join(tmpdir(), 'checkpoint-lsp-compare-'));
  const episodic = join(workspace, 'memory', 'episodic');
  mkdirSync(episodic, { recursive: true });
  const note = generateNote(options.noteBytes);
  note.path = join(episodic, '2026-01-04.md');
  writeFileSync(note.path, note.text);
  log(`note: ${note.bytes} bytes, ${note.entries} entries; ${options.rounds} rounds of ${options.warmup} + ${options.requests} requests`);

  const contenders = [options.a, options.b];
  const samples = new Map(contenders.map((c) => [c.name, { initialize: [], roundTrips: [], symbols: 0 }]));
  for (let index = 0; index < options.rounds; index++) {
    const order = index % 2 === 0 ? contenders : [...contenders].reverse();
    for (const contender of order) {
      const result = await round(contender, workspace, note);
      const mine = samples.get(contender.name);
      mine.initialize.push(result.initialize);
      mine.roundTrips.push(...result.roundTrips);
      mine.symbols = result.count;
    }
    log(`round ${index + 1}/${options.rounds} done`);
  }

  const report = {};
  for (const [name, mine] of samples) {
    report[name] = { initialize: summarize(mine.initialize), documentSymbol: summarize(mine.roundTrips), symbols: mine.symbols };
  }
  const [first, second] = contenders.map((c) => report[c.name]);
  const ratio = (key, p) => Math.round((second[key][p] / first[key][p]) * 100) / 100;
  process.stdout.write(`${JSON.stringify({
    noteBytes: note.bytes,
    rounds: options.rounds,
    contenders: report,
    [`${options.b.name}/${options.a.name}`]: {
      documentSymbolP50: ratio('documentSymbol', 'p50'),
      documentSymbolP95: ratio('documentSymbol', 'p95'),
      initializeP50: ratio('initialize', 'p50'),
    },
  })}\n`);
}

function parseArguments(argv) {
  const parsed = { a: '', b: '', rounds: 10, warmup: 200, requests: 300, noteBytes: 100 * 1024 };
  for (let index = 0; index < argv.length; index += 2) {
    const key = argv[index].replace(/^--/, '');
    const value = argv[index + 1];
    if (!(key in parsed) || value === undefined) {
      process.stderr.write(`unknown or incomplete option ${argv[index]}; options: --a --b --rounds --warmup --requests --noteBytes\n`);
      process.exit(2);
    }
    parsed[key] = typeof parsed[key] === 'number' ? Number(value) : value;
  }
  for (const key of ['a', 'b']) {
    const match = /^([^=]+)=(.+)$/.exec(parsed[key]);
    if (!match) {
      process.stderr.write(`--${key} NAME=path/to/checkpoint is required\n`);
      process.exit(2);
    }
    parsed[key] = { name: match[1], path: match[2] };
  }
  return parsed;
}

main().catch((error) => {
  process.stdout.write(`${JSON.stringify({ error: `lsp-compare.mjs: ${error.stack ?? error}` })}\n`);
  process.exit(1);
});
