// The end-to-end scenarios, in order; later ones build on the state earlier ones leave (the saved
// checkpoint is compared and resumed). Each asserts on what a user sees or on the files on disk.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  activeTabLabel,
  answerDialog,
  answerQuickInput,
  chooseContextMenuItem,
  chooseFolderInDialog,
  closeQuickInput,
  editorShows,
  notification,
  pickQuickPickItem,
  runCommand,
  showCheckpointsContainer,
  sidebarRow,
  timeouts,
  waitForQuickInput,
} from './workbench.mjs';
import { waitFor } from './wait.mjs';

function localDate(date = new Date()) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** Checkpoint folders of a name in the store that have their manifest (a checkpoint exists only then). */
function savedCheckpoints(workspace, name) {
  const store = path.join(workspace, 'memory', 'checkpoints');
  if (!existsSync(store)) return [];
  return readdirSync(store)
    .filter((entry) => entry.startsWith(`${name}_`) && existsSync(path.join(store, entry, 'checkpoint.json')))
    .sort();
}

/**
 * Calls a language-model tool the way an agent does, through the lm-probe test extension's palette
 * command (vscode.lm.invokeTool); `answered` resolves to what the probe recorded once the call is done.
 */
async function invokeTool(ctx, tool, input) {
  rmSync(ctx.probeOut, { force: true });
  await runCommand(ctx.page, 'LM Probe: Invoke Language Model Tool');
  await waitForQuickInput(ctx.page, 'LM Probe: tool name', timeouts.server);
  await answerQuickInput(ctx.page, tool);
  await waitForQuickInput(ctx.page, 'LM Probe: tool input (JSON)');
  await answerQuickInput(ctx.page, JSON.stringify(input));
  return {
    answered: () => waitFor(`the probe's record of ${tool}`, timeouts.server, () => (existsSync(ctx.probeOut) ? JSON.parse(readFileSync(ctx.probeOut, 'utf8')) : undefined)),
  };
}

const saveName = 'e2e-save';
const extensionManifest = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'vscode-checkpoint', 'package.json');
const appFile = (ctx) => path.join(ctx.workspace, 'src', 'app.js');

export const scenarios = [
  {
    name: 'the extension activates and the Checkpoints container shows its two views',
    async run({ page }) {
      await showCheckpointsContainer(page);
      await page.locator('.part.sidebar .pane-header', { hasText: 'Episodic Notes' }).first().waitFor({ state: 'visible', timeout: timeouts.ui });
      await sidebarRow(page, '2026-11-20').waitFor({ state: 'visible', timeout: timeouts.server });
      await sidebarRow(page, '14:30 Checkpoint').waitFor({ state: 'visible', timeout: timeouts.ui });
      await sidebarRow(page, '16:10 Emergency').waitFor({ state: 'visible', timeout: timeouts.ui });
      // The fixture store's checkpoints, written by the seed's own tool, are listed like ours.
      await sidebarRow(page, 'lesson-plan').waitFor({ state: 'visible', timeout: timeouts.server });
      // The status bar names the newest checkpoint: the fixture's seed checkpoint of 2025-02-10 (a date, not an age, past a month).
      await page.locator('.statusbar-item', { hasText: 'lesson-plan · 2025-02-10' }).first().waitFor({ state: 'visible', timeout: timeouts.server });
    },
  },
  {
    name: 'clicking a note entry opens the note and the server adds code lenses to the entries',
    async run({ page, screenshot }) {
      await sidebarRow(page, '14:30 Checkpoint').click();
      await waitFor('the note to open', timeouts.ui, async () => (await activeTabLabel(page)).includes('2026-11-20.md'));
      const lenses = page.locator('.monaco-editor .codelens-decoration');
      await waitFor('code lenses on the note entries', timeouts.server, async () => (await lenses.count()) >= 2);
      await screenshot('lenses');
    },
  },
  {
    name: 'Save Checkpoint from the palette writes memory/checkpoints/<name>_*/checkpoint.json',
    async run({ page, workspace }) {
      await runCommand(page, 'Checkpoint: Save Checkpoint');
      await waitForQuickInput(page, 'Save Checkpoint (1/3)', timeouts.server);
      await answerQuickInput(page, saveName);
      await waitForQuickInput(page, 'Save Checkpoint (2/3)');
      await answerQuickInput(page, 'validation');
      await waitForQuickInput(page, 'Save Checkpoint (3/3)');
      await answerQuickInput(page, 'Quantity rule written, docs half done');
      const [saved] = await waitFor(`${saveName}_*/checkpoint.json on disk`, timeouts.server, () => {
        const found = savedCheckpoints(workspace, saveName);
        return found.length > 0 ? found : undefined;
      });
      const manifest = JSON.parse(readFileSync(path.join(workspace, 'memory', 'checkpoints', saved, 'checkpoint.json'), 'utf8'));
      assert(manifest.name === saveName, `checkpoint.json names ${manifest.name}`);
      assert(manifest.stage === 'validation', `checkpoint.json has stage ${manifest.stage}`);
      assert(manifest.files.some((file) => file.path === 'src/app.js'), 'checkpoint.json lists src/app.js');
      await notification(page, `Saved ${saved}`).waitFor({ state: 'visible', timeout: timeouts.ui });
    },
  },
  {
    name: 'the Snapshots tree and the status bar show the new checkpoint',
    async run({ page, screenshot }) {
      await page.locator('.statusbar-item', { hasText: `${saveName} · just now` }).first().waitFor({ state: 'visible', timeout: timeouts.server });
      await showCheckpointsContainer(page);
      const nameRow = sidebarRow(page, saveName);
      await nameRow.waitFor({ state: 'visible', timeout: timeouts.server });
      const checkpointRow = sidebarRow(page, 'validation');
      await checkpointRow.waitFor({ state: 'visible', timeout: timeouts.ui });
      await checkpointRow.click();
      await sidebarRow(page, 'src/app.js').waitFor({ state: 'visible', timeout: timeouts.server });
      await screenshot('tree');
    },
  },
  {
    name: 'Compare with Working Copy opens a diff editor for a changed file',
    async run(ctx) {
      const { page, screenshot } = ctx;
      ctx.original = readFileSync(appFile(ctx), 'utf8');
      writeFileSync(appFile(ctx), ctx.original.replace('  return undefined;', "  if (quantity > 999) {\n    return 'At most 999 per order.';\n  }\n  return undefined;"));
      await runCommand(page, 'Checkpoint: Compare with Working Copy');
      await waitForQuickInput(page, 'Compare which checkpoint');
      await pickQuickPickItem(page, saveName);
      await page.locator('.monaco-diff-editor').first().waitFor({ state: 'visible', timeout: timeouts.server });
      await waitFor('the diff editor tab for app.js', timeouts.ui, async () => (await activeTabLabel(page)).includes('app.js'));
      await page.locator('.monaco-diff-editor .line-insert, .monaco-diff-editor .char-insert').first().waitFor({ state: 'visible', timeout: timeouts.ui });
      await screenshot('diff');
    },
  },
  {
    name: 'Resume with "Preview only" lists what would change and writes nothing',
    async run(ctx) {
      const { page } = ctx;
      const modified = readFileSync(appFile(ctx), 'utf8');
      await runCommand(page, 'Checkpoint: Resume from Checkpoint');
      await waitForQuickInput(page, 'Resume which checkpoint');
      await pickQuickPickItem(page, saveName);
      await answerDialog(page, `Resume ${saveName}_`, 'Preview only');
      await page.locator('.monaco-editor .view-line', { hasText: `Resume preview: ${saveName}_` }).first().waitFor({ state: 'visible', timeout: timeouts.server });
      await page.locator('.monaco-editor .view-line', { hasText: 'src/app.js' }).first().waitFor({ state: 'visible', timeout: timeouts.ui });
      assert(readFileSync(appFile(ctx), 'utf8') === modified, 'a preview must not write src/app.js');
    },
  },
  {
    name: 'Resume restores the modified file after the modal confirmation',
    async run(ctx) {
      const { page } = ctx;
      assert(readFileSync(appFile(ctx), 'utf8') !== ctx.original, 'src/app.js was modified by the previous scenario');
      await runCommand(page, 'Checkpoint: Resume from Checkpoint');
      await waitForQuickInput(page, 'Resume which checkpoint');
      await pickQuickPickItem(page, saveName);
      await answerDialog(page, `Resume ${saveName}_`, 'Resume');
      await waitFor('src/app.js to be restored', timeouts.server, () => readFileSync(appFile(ctx), 'utf8') === ctx.original);
    },
  },
  {
    name: '"Restore to Folder…" writes the checkpoint into a folder chosen in the folder dialog, and the workspace is left alone',
    async run(ctx) {
      const { page, workspace } = ctx;
      const target = path.join(path.dirname(workspace), 'restored-copy');
      mkdirSync(target, { recursive: true });
      const before = readFileSync(appFile(ctx), 'utf8');
      await runCommand(page, 'Checkpoint: Restore to Folder…');
      await waitForQuickInput(page, 'Restore which checkpoint into another folder');
      await pickQuickPickItem(page, saveName);
      // code-server's folder dialog is a quick input holding a path: type the folder, then accept it.
      await waitForQuickInput(page, 'Restore the checkpoint into this folder');
      await chooseFolderInDialog(page, target);
      await answerDialog(page, `into ${target}`, 'Restore');
      await waitFor('src/app.js restored into the chosen folder', timeouts.server, () => existsSync(path.join(target, 'src', 'app.js')));
      const manifest = JSON.parse(readFileSync(path.join(workspace, 'memory', 'checkpoints', savedCheckpoints(workspace, saveName)[0], 'checkpoint.json'), 'utf8'));
      for (const file of manifest.files) {
        assert(existsSync(path.join(target, file.path)), `${file.path} is restored into the folder`);
      }
      assert(readFileSync(appFile(ctx), 'utf8') === before, 'the workspace copy of src/app.js is untouched');
      assert(!existsSync(path.join(target, 'memory', 'checkpoints')), 'the store is not copied into the folder');
    },
  },
  {
    name: 'the "Snapshot files now" lens saves notes-<day> and links it in the entry',
    async run({ page, workspace }) {
      await sidebarRow(page, '14:30 Checkpoint').click();
      await waitFor('the note to open', timeouts.ui, async () => (await activeTabLabel(page)).includes('2026-11-20.md'));
      await page.locator('.monaco-editor .codelens-decoration a', { hasText: 'Snapshot' }).first().click();
      await waitFor('notes-2026-11-20_*/checkpoint.json on disk', timeouts.server, () => savedCheckpoints(workspace, 'notes-2026-11-20').length > 0);
      await notification(page, 'Snapshot notes-2026-11-20_').waitFor({ state: 'visible', timeout: timeouts.ui });
      // The server links the snapshot in the entry (workspace/applyEdit); its lens then offers the restore.
      await page.locator('.monaco-editor .codelens-decoration a', { hasText: 'Restore notes-2026-11-20_' }).first().waitFor({ state: 'visible', timeout: timeouts.server });
    },
  },
  {
    name: 'Explorer "Checkpoint: Save Selection" saves only the selected folder',
    async run({ page, workspace }) {
      await page.keyboard.press('Control+Shift+E');
      const docs = page.locator('.explorer-folders-view .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: /^docs$/ }) }).first();
      await chooseContextMenuItem(page, docs, 'Checkpoint: Save Selection');
      await waitForQuickInput(page, '1 selected item', timeouts.server);
      await answerQuickInput(page, 'e2e-docs');
      await waitForQuickInput(page, 'Save Checkpoint (2/3)');
      await answerQuickInput(page, 'draft');
      await waitForQuickInput(page, 'Save Checkpoint (3/3)');
      await answerQuickInput(page, '');
      const [saved] = await waitFor('e2e-docs_*/checkpoint.json on disk', timeouts.server, () => {
        const found = savedCheckpoints(workspace, 'e2e-docs');
        return found.length > 0 ? found : undefined;
      });
      const manifest = JSON.parse(readFileSync(path.join(workspace, 'memory', 'checkpoints', saved, 'checkpoint.json'), 'utf8'));
      const paths = manifest.files.map((file) => file.path);
      assert(paths.length > 0 && paths.every((p) => p.startsWith('docs/')), `only docs/ is saved, got ${paths.join(', ')}`);
    },
  },
  {
    name: 'Verify reports every checkpoint intact',
    async run({ page }) {
      // A progress notification shows only for a request slower than half a second: a flashing one
      // counted against VS Code's toast spam protection (at most 3 toasts within 800 ms) and, right
      // after a save, hid this result in the notification center (the "Verify flake" of earlier runs).
      await runCommand(page, 'Checkpoint: Verify Checkpoints');
      await notification(page, 'all intact').waitFor({ state: 'visible', timeout: timeouts.server });
    },
  },
  {
    name: 'Delete removes a checkpoint after the modal confirmation, and the tree drops it',
    async run({ page, workspace }) {
      await showCheckpointsContainer(page);
      await sidebarRow(page, 'e2e-docs').waitFor({ state: 'visible', timeout: timeouts.server });
      await runCommand(page, 'Checkpoint: Delete Checkpoint');
      await waitForQuickInput(page, 'Delete which checkpoint');
      await pickQuickPickItem(page, 'e2e-docs');
      await answerDialog(page, 'Delete checkpoint e2e-docs_', 'Delete');
      await waitFor('e2e-docs to disappear from the store', timeouts.server, () => savedCheckpoints(workspace, 'e2e-docs').length === 0);
      await sidebarRow(page, 'e2e-docs').waitFor({ state: 'hidden', timeout: timeouts.server });
    },
  },
  {
    name: 'Prune drops the seed-layout checkpoints older than 30 days after the modal confirmation, and keeps the recent ones',
    async run({ page, workspace }) {
      // The fixture store holds two checkpoints written by the seed's tool (checkpoint.json + files/) in 2025.
      assert(savedCheckpoints(workspace, 'lesson-plan').length === 2, 'the fixture has two lesson-plan checkpoints');
      const recent = readdirSync(path.join(workspace, 'memory', 'checkpoints')).filter((entry) => /_\d{8}_\d{6}/.test(entry) && !entry.startsWith('lesson-plan_'));
      await runCommand(page, 'Checkpoint: Prune Old Checkpoints');
      await answerDialog(page, 'Prune 2 checkpoint(s)?', 'Prune');
      await waitFor('the lesson-plan checkpoints to leave the store', timeouts.server, () => savedCheckpoints(workspace, 'lesson-plan').length === 0);
      await notification(page, 'Pruned 2 checkpoint(s)').waitFor({ state: 'visible', timeout: timeouts.ui });
      const left = readdirSync(path.join(workspace, 'memory', 'checkpoints'));
      assert(recent.length > 0 && recent.every((entry) => left.includes(entry)), `recent checkpoints stay: ${recent.join(', ')} in ${left.join(', ')}`);
    },
  },
  ...[
    { command: 'Checkpoint: Insert Full Checkpoint Note', pct: '75', heading: /^## Checkpoint \d{2}:\d{2} — Context: 75%$/m },
    { command: 'Checkpoint: Insert Emergency Checkpoint Note', pct: '88', heading: /^## EMERGENCY CHECKPOINT \d{2}:\d{2} — Context: 88%$/m },
    { command: 'Checkpoint: Insert Survival Checkpoint Note', pct: '96', heading: /^## SURVIVAL \d{2}:\d{2} — Context: 96%$/m },
    { command: 'Checkpoint: Insert Pre-Operation Checkpoint Note', heading: /^## Pre-Operation \d{2}:\d{2}$/m },
    { command: 'Checkpoint: Insert Quick Note', heading: /^###? \d{2}:\d{2} Note$/m },
  ].map(({ command, pct, heading }) => ({
    name: `${command} appends its entry to today's note and opens it`,
    async run({ page, workspace }) {
      const today = path.join(workspace, 'memory', 'episodic', `${localDate()}.md`);
      await runCommand(page, command);
      if (pct) {
        await waitForQuickInput(page, 'context %');
        await answerQuickInput(page, pct);
      }
      await waitFor(`today's note to contain ${heading}`, timeouts.server, () => existsSync(today) && heading.test(readFileSync(today, 'utf8')));
      await waitFor(`today's note to be the active editor`, timeouts.ui, async () => (await activeTabLabel(page)).includes(`${localDate()}.md`));
      await waitFor(`the editor to show ${heading}`, timeouts.ui, () => editorShows(page, heading));
    },
  })),
  {
    name: 'the Checkpoint tools are in vscode.lm.tools, and checkpoint_save through vscode.lm.invokeTool writes a checkpoint the Snapshots tree shows',
    async run(ctx) {
      const { page, workspace } = ctx;
      const call = await invokeTool(ctx, 'checkpoint_save', { name: 'e2e-agent', stage: 'tool-call', notes: 'Saved by an agent', files: ['src/**'] });
      const record = await call.answered();
      assert(!record.error, `checkpoint_save failed: ${record.error}`);
      const declared = JSON.parse(readFileSync(extensionManifest, 'utf8'))
        .contributes.languageModelTools.map((tool) => tool.name);
      const listed = record.tools.map((tool) => tool.name);
      const missing = declared.filter((name) => !listed.includes(name));
      assert(missing.length === 0, `vscode.lm.tools lacks ${missing.join(', ')} (has ${listed.join(', ')})`);
      assert(record.tools.find((tool) => tool.name === 'checkpoint_save').inputSchema.required.includes('name'), 'checkpoint_save carries its input schema');
      const [saved] = savedCheckpoints(workspace, 'e2e-agent');
      assert(saved, 'e2e-agent_*/checkpoint.json is on disk');
      assert(record.result[0].startsWith(`Saved ${saved}:`), `the summary names the checkpoint: ${record.result[0]}`);
      assert(JSON.parse(record.result[1]).checkpoint.id === saved, 'the JSON part carries the same id');
      const manifest = JSON.parse(readFileSync(path.join(workspace, 'memory', 'checkpoints', saved, 'checkpoint.json'), 'utf8'));
      assert(manifest.stage === 'tool-call' && manifest.notes === 'Saved by an agent', 'checkpoint.json has the stage and notes the agent gave');
      assert(manifest.files.length > 0 && manifest.files.every((file) => file.path.startsWith('src/')), `only src/ is saved, got ${manifest.files.map((file) => file.path).join(', ')}`);
      await showCheckpointsContainer(page);
      await sidebarRow(page, 'e2e-agent').waitFor({ state: 'visible', timeout: timeouts.server });
    },
  },
  {
    name: 'checkpoint_note through vscode.lm.invokeTool appends the filled-in entry to today\'s note and links the snapshot it saved',
    async run(ctx) {
      const { workspace } = ctx;
      const today = path.join(workspace, 'memory', 'episodic', `${localDate()}.md`);
      const fields = { task: 'Port the parser', status: 'tests green', next: 'wire the CLI' };
      const record = await (await invokeTool(ctx, 'checkpoint_note', { format: 'emergency', contextPct: 88, fields, snapshot: true })).answered();
      assert(!record.error, `checkpoint_note failed: ${record.error}`);
      const answer = JSON.parse(record.result[1]);
      const id = answer.snapshot?.checkpoint?.id;
      assert(id && savedCheckpoints(workspace, `notes-${localDate()}`).includes(id), `the snapshot ${id} is in the store`);
      const note = readFileSync(today, 'utf8');
      assert(/^## EMERGENCY CHECKPOINT \d{2}:\d{2} — Context: 88%$/m.test(note), 'the entry heading is in today\'s note');
      assert(note.includes('**TASK:** Port the parser') && note.includes('**NEXT:** wire the CLI'), 'the fields are filled in');
      assert(note.includes(`**Snapshot:** ${id}`), 'the entry links the snapshot');
      assert(record.result[0].startsWith(`Wrote the entry to ${today}`), `the summary says where: ${record.result[0]}`);
    },
  },
  {
    name: 'a tool call with bad input or an unknown checkpoint fails with what is allowed, and writes nothing',
    async run(ctx) {
      const before = readdirSync(path.join(ctx.workspace, 'memory', 'checkpoints')).sort().join();
      const unknown = await (await invokeTool(ctx, 'checkpoint_show', { name: 'no-such-work' })).answered();
      assert(/no-such-work/.test(unknown.error ?? '') && /e2e-agent/.test(unknown.error), `an unknown name lists what exists: ${unknown.error}`);
      const badId = await (await invokeTool(ctx, 'checkpoint_delete', { id: 'e2e-agent' })).answered();
      assert(/is not a checkpoint id/.test(badId.error ?? ''), `a malformed id says what an id looks like: ${badId.error}`);
      assert(readdirSync(path.join(ctx.workspace, 'memory', 'checkpoints')).sort().join() === before, 'the store is unchanged');
    },
  },
  {
    name: 'checkpoint_restore shows its dry run for confirmation first: Cancel writes nothing, Yes restores and names the safety checkpoint',
    async run(ctx) {
      const { page, workspace } = ctx;
      const original = readFileSync(appFile(ctx), 'utf8');
      const edited = `${original}\n// an agent's edit\n`;
      writeFileSync(appFile(ctx), edited);
      const [id] = savedCheckpoints(workspace, 'e2e-agent');

      const cancelled = await invokeTool(ctx, 'checkpoint_restore', { id });
      await answerDialog(page, 'src/app.js', 'Cancel');
      const refused = await cancelled.answered();
      assert(refused.error, 'a cancelled restore is reported to the caller as an error');
      assert(readFileSync(appFile(ctx), 'utf8') === edited, 'a cancelled restore writes nothing');

      const confirmed = await invokeTool(ctx, 'checkpoint_restore', { id });
      await answerDialog(page, 'src/app.js', 'Yes');
      const record = await confirmed.answered();
      assert(!record.error, `checkpoint_restore failed: ${record.error}`);
      assert(readFileSync(appFile(ctx), 'utf8') === original, 'src/app.js is restored');
      const safety = JSON.parse(record.result[1]).safetyCheckpoint;
      assert(safety && savedCheckpoints(workspace, 'e2e-agent-pre-restore').includes(safety), `the safety checkpoint ${safety} is in the store`);
      assert(record.result[0].includes(`to undo, call checkpoint_restore with {"id": "${safety}"}`), `the answer says how to undo: ${record.result[0]}`);
    },
  },
  {
    name: 'checkpoint_delete asks first, showing the checkpoint against the working tree, then deletes it and the tree drops it',
    async run(ctx) {
      const { page, workspace } = ctx;
      const [id] = savedCheckpoints(workspace, 'e2e-agent-pre-restore');
      assert(id, 'the previous scenario left a safety checkpoint');
      await showCheckpointsContainer(page);
      await sidebarRow(page, 'e2e-agent-pre-restore').waitFor({ state: 'visible', timeout: timeouts.server });
      const call = await invokeTool(ctx, 'checkpoint_delete', { id });
      await answerDialog(page, 'changed since it was saved', 'Yes');
      const record = await call.answered();
      assert(!record.error, `checkpoint_delete failed: ${record.error}`);
      assert(record.result[0].startsWith(`Deleted ${id}.`), `the answer names the checkpoint: ${record.result[0]}`);
      assert(savedCheckpoints(workspace, 'e2e-agent-pre-restore').length === 0, 'the checkpoint is gone from the store');
      await sidebarRow(page, 'e2e-agent-pre-restore').waitFor({ state: 'hidden', timeout: timeouts.server });
    },
  },
  {
    name: 'MCP: List Servers offers the Checkpoint server the extension defines',
    async run({ page, screenshot }) {
      await runCommand(page, 'MCP: List Servers');
      await waitForQuickInput(page, 'Select an MCP Server', timeouts.server);
      // The row is the provider's McpStdioServerDefinition, labelled "Checkpoint" (not started until a chat needs it).
      await page.locator('.quick-input-widget .monaco-list-row', { hasText: /^\s*Checkpoint/ }).first().waitFor({ state: 'visible', timeout: timeouts.server });
      await screenshot('mcp-servers');
      await closeQuickInput(page);
    },
  },
  {
    name: 'checkpoint_context_advice quotes the prescribed template and checkpoint_recover gives the newest entry\'s resume brief, writing nothing',
    async run(ctx) {
      const notesDir = path.join(ctx.workspace, 'memory', 'episodic');
      const before = readdirSync(notesDir).map((file) => readFileSync(path.join(notesDir, file), 'utf8')).join();
      const advice = await (await invokeTool(ctx, 'checkpoint_context_advice', { contextPct: 88 })).answered();
      assert(!advice.error, `checkpoint_context_advice failed: ${advice.error}`);
      assert(/prescribes an Emergency checkpoint \(85–94 %\)/.test(advice.result[0]) && /## EMERGENCY CHECKPOINT \d{2}:\d{2} — Context: 88%/.test(advice.result[0]), `the advice quotes the server's template: ${advice.result[0]}`);
      const recovered = await (await invokeTool(ctx, 'checkpoint_recover', {})).answered();
      assert(!recovered.error, `checkpoint_recover failed: ${recovered.error}`);
      assert(/^Resuming from checkpoint at \d{2}:\d{2}\. Last captured: .+\. Continuing with .+\./.test(recovered.result[0]), `a resume brief: ${recovered.result[0]}`);
      assert(JSON.parse(recovered.result[1]).file.startsWith(notesDir), 'the entry is in the workspace notes');
      assert(readdirSync(notesDir).map((file) => readFileSync(path.join(notesDir, file), 'utf8')).join() === before, 'no note was written');
    },
  },
  {
    name: 'Recover from Latest Checkpoint Note shows the resume brief of the newest entry',
    async run({ page }) {
      await runCommand(page, 'Checkpoint: Recover from Latest Checkpoint Note');
      await notification(page, 'Resuming from checkpoint at').waitFor({ state: 'visible', timeout: timeouts.server });
    },
  },
];
