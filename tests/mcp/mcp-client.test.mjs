// A real MCP client we did not write — the official TypeScript SDK — drives `checkpoint mcp` over stdio on a
// temporary workspace: list the tools, then save → edit → diff → restore (preview, then confirm) → verify.
// The server is CHECKPOINT_TEST_SERVER when set — the Native AOT executable under `npm test` on linux-x64, the binary
// agents spawn — or a checkpoint.dll (CHECKPOINT_SERVER_DLL, else the newest under server/Checkpoint.Server/bin), which
// like the native executable runs without reflection-based JSON (PublishAot switches it off in every build).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, rmSync, readdirSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function locateServer() {
  if (process.env.CHECKPOINT_SERVER_DLL) return process.env.CHECKPOINT_SERVER_DLL;
  const found = [];
  const walk = (folder) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name === 'checkpoint.dll' && existsSync(join(folder, 'checkpoint.runtimeconfig.json'))) found.push(path);
    }
  };
  const bin = join(repoRoot, 'server', 'Checkpoint.Server', 'bin');
  if (existsSync(bin)) walk(bin);
  if (found.length === 0) throw new Error(`no built checkpoint.dll under ${bin}: build the solution first`);
  return found.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
}

/** The command that runs `checkpoint <args>`: the native executable itself, or `dotnet <checkpoint.dll>`. */
function serverCommand(args) {
  const server = process.env.CHECKPOINT_TEST_SERVER || locateServer();
  return server.endsWith('.dll') ? { command: 'dotnet', args: [server, ...args] } : { command: server, args };
}

async function connect(root) {
  const transport = new StdioClientTransport({ ...serverCommand(['--root', root, 'mcp']), stderr: 'pipe' });
  const client = new Client({ name: 'checkpoint-node-test', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

const text = (result) => result.content.filter((c) => c.type === 'text').map((c) => c.text).join('\n');

test('the official TypeScript client lists the tools and runs save → edit → diff → restore (two steps) → verify', { timeout: 120_000 }, async () => {
  const root = mkdtempSync(join(tmpdir(), 'checkpoint-mcp-node-'));
  mkdirSync(join(root, '.git'));
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src', 'app.js'), 'const answer = 42;\nconsole.log(answer);\n');
  const client = await connect(root);
  try {
    const { tools } = await client.listTools();
    const names = tools.map((t) => t.name).sort();
    assert.deepEqual(names, ['checkpoint_context_advice', 'checkpoint_delete', 'checkpoint_diff', 'checkpoint_list', 'checkpoint_note',
      'checkpoint_prune', 'checkpoint_pull', 'checkpoint_push', 'checkpoint_recover', 'checkpoint_remotes', 'checkpoint_restore',
      'checkpoint_save', 'checkpoint_show', 'checkpoint_verify']);
    assert.equal(tools.find((t) => t.name === 'checkpoint_restore').annotations.destructiveHint, true);
    assert.equal(tools.find((t) => t.name === 'checkpoint_diff').annotations.readOnlyHint, true);

    // The SDK validates every structuredContent against the tool's outputSchema: a mismatch would throw here.
    const saved = await client.callTool({ name: 'checkpoint_save', arguments: { name: 'before-edit', stage: 'draft' } });
    const id = saved.structuredContent.checkpoint.id;
    assert.match(id, /^before-edit_\d{8}_\d{6}/);

    writeFileSync(join(root, 'src', 'app.js'), 'const answer = 43;\nconsole.log(answer);\n');

    const diff = await client.callTool({ name: 'checkpoint_diff', arguments: { id, unified: true } });
    assert.deepEqual(diff.structuredContent.changed, ['src/app.js']);
    assert.match(diff.structuredContent.files[0].unified, /-const answer = 42;\n\+const answer = 43;/);

    const preview = await client.callTool({ name: 'checkpoint_restore', arguments: { id } });
    assert.equal(preview.structuredContent.status, 'preview');
    assert.equal(readFileSync(join(root, 'src', 'app.js'), 'utf8'), 'const answer = 43;\nconsole.log(answer);\n', 'the preview wrote');
    const token = preview.structuredContent.confirmationToken;
    assert.ok(token);

    const restored = await client.callTool({ name: 'checkpoint_restore', arguments: { id, confirm: token } });
    assert.equal(restored.structuredContent.status, 'restored', text(restored));
    assert.equal(readFileSync(join(root, 'src', 'app.js'), 'utf8'), 'const answer = 42;\nconsole.log(answer);\n');
    assert.match(restored.structuredContent.safetyCheckpoint, /^before-edit-pre-restore_/);
    assert.match(text(restored), /Undo: checkpoint_restore/);

    const reused = await client.callTool({ name: 'checkpoint_restore', arguments: { id, confirm: token } });
    assert.equal(reused.isError, true);
    assert.match(text(reused), /already used/);

    const verified = await client.callTool({ name: 'checkpoint_verify', arguments: {} });
    assert.equal(verified.structuredContent.ok, true, text(verified));
    assert.equal(verified.structuredContent.checkpoints.length, 2);

    const unknown = await client.callTool({ name: 'checkpoint_teleport', arguments: {} });
    assert.equal(unknown.isError, true);
    assert.match(text(unknown), /Unknown tool 'checkpoint_teleport'/);
  } finally {
    await client.close();
    rmSync(root, { recursive: true, force: true });
  }
});
