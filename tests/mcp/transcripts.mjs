// Writes docs/mcp-transcripts.md: one real request and answer of each of the 14 tools of `checkpoint mcp`, run
// against a temporary workspace (a few files, a local bare git repository as the remote). Not a test: a record.
//
//   node tests/mcp/transcripts.mjs [path/to/checkpoint]     default: CHECKPOINT_TEST_SERVER, else the native
//                                                           publish output (scripts/lib.sh NATIVE_SERVER)
// Long strings and arrays in the answers are shortened (marked "…"); requests are shown whole.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const server = process.argv[2] || process.env.CHECKPOINT_TEST_SERVER
  || join(repo, 'server/Checkpoint.Server/bin/Release/net10.0/linux-x64/publish/checkpoint');
const work = mkdtempSync(join(tmpdir(), 'checkpoint-transcripts-'));
const root = join(work, 'workspace');
mkdirSync(join(root, 'src'), { recursive: true });
writeFileSync(join(root, 'README.md'), '# Demo\n\nA workspace for the transcripts.\n');
writeFileSync(join(root, 'src', 'app.js'), 'export const answer = 41;\n');
writeFileSync(join(root, 'src', 'util.js'), 'export const twice = (x) => 2 * x;\n');
const remote = join(work, 'remote.git');
execFileSync('git', ['init', '-q', '--bare', remote]);
// Remotes are added by a person, never by an agent (README): the CLI does it.
execFileSync(server, ['--root', root, 'remote', 'add', 'origin', remote], { stdio: 'ignore' });

const child = spawn(server, ['--root', root, 'mcp'], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
const lines = createInterface({ input: child.stdout });
const waiting = new Map();
lines.on('line', (line) => {
  const message = JSON.parse(line);
  waiting.get(message.id)?.(message);
  waiting.delete(message.id);
});
let nextId = 0;
function request(method, params) {
  const message = { jsonrpc: '2.0', id: ++nextId, method, params };
  child.stdin.write(JSON.stringify(message) + '\n');
  return new Promise((resolve) => waiting.set(message.id, (answer) => resolve({ message, answer })));
}

function shorten(value, depth = 0) {
  if (typeof value === 'string') return value.length > 240 ? value.slice(0, 240) + '…' : value;
  if (Array.isArray(value)) {
    const kept = value.slice(0, 4).map((v) => shorten(v, depth + 1));
    return value.length > 4 ? [...kept, `… ${value.length - 4} more`] : kept;
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shorten(v, depth + 1)]));
  }
  return value;
}

const sections = [];
async function call(name, args, why) {
  const { message, answer } = await request('tools/call', { name, arguments: args });
  if (answer.error || answer.result?.isError) {
    throw new Error(`${name} failed: ${JSON.stringify(answer.error ?? answer.result.content)}`);
  }
  sections.push({ name, why, message, answer: { ...answer, result: shorten(answer.result) } });
  return answer.result.structuredContent;
}

try {
  await request('initialize', { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'transcripts', version: '1' } });
  child.stdin.write(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }) + '\n');

  const saved = await call('checkpoint_save', { name: 'demo', stage: 'draft', notes: 'before the answer changes' },
    'Save the whole workspace.');
  const id = saved.checkpoint.id;
  await call('checkpoint_list', {}, 'Every checkpoint, newest first.');
  await call('checkpoint_show', { id }, 'One checkpoint: its metadata and files.');
  writeFileSync(join(root, 'src', 'app.js'), 'export const answer = 42;\n');
  await call('checkpoint_diff', { id, unified: true }, 'After src/app.js was edited: the checkpoint against the workspace.');
  const preview = await call('checkpoint_restore', { id }, 'Restore, step one: the preview and a one-time token (nothing written).');
  await call('checkpoint_restore', { id, confirm: preview.confirmationToken }, 'Restore, step two: with the token.');
  await call('checkpoint_verify', { id }, 'Every stored content of the checkpoint against its hash.');
  await call('checkpoint_context_advice', { contextPct: 72 }, 'Which note entry the context-protection protocol asks for at 72 %.');
  await call('checkpoint_note', { format: 'quick', fields: { text: 'The answer is 41 again; 42 was a test.' } },
    'A Quick Note appended to memory/episodic/<today>.md.');
  await call('checkpoint_recover', {}, 'After a context reset: the latest entry, as a recovery brief.');
  await call('checkpoint_remotes', {}, 'The remotes a person added (`checkpoint remote add origin <bare repo>`).');
  await call('checkpoint_push', { remote: 'origin', id }, 'Push one checkpoint to the remote (git underneath).');
  await call('checkpoint_pull', { remote: 'origin' }, 'Pull: fetch, verify, import what this store lacks.');
  await call('checkpoint_prune', { keepLast: 1 }, 'Retention, a dry run (confirm is false).');
  const doomed = await call('checkpoint_delete', { id }, 'Delete, step one: what would go and a one-time token.');
  await call('checkpoint_delete', { id, confirm: doomed.confirmationToken }, 'Delete, step two: with the token.');
} finally {
  child.stdin.end();
  child.kill();
  rmSync(work, { recursive: true, force: true });
}

const version = execFileSync(server, ['--version']).toString().trim();
const tools = new Set(sections.map((s) => s.name));
let md = `# MCP transcripts: the 14 tools of \`checkpoint mcp\`\n\n`
  + `Generated by \`node tests/mcp/transcripts.mjs\` with the real executable (\`checkpoint\` ${version}) against a temporary `
  + `workspace of three files, whose remote \`origin\` is a local bare git repository. Requests are shown whole, answers `
  + `shortened where long (strings over 240 characters, arrays over 4 items: marked \`…\`). Ids, timestamps, tokens and `
  + `paths are those of the run. ${tools.size} tools, ${sections.length} calls.\n`;
for (const section of sections) {
  md += `\n## ${section.name}\n\n${section.why}\n\n`
    + '```json\n' + JSON.stringify(section.message) + '\n```\n\n'
    + '```json\n' + JSON.stringify(section.answer, null, 2) + '\n```\n';
}
writeFileSync(join(repo, 'docs', 'mcp-transcripts.md'), md);
console.log(`docs/mcp-transcripts.md: ${tools.size} tools, ${sections.length} calls`);
if (tools.size !== 14) process.exitCode = 1;
