import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import {
  ToolInputError,
  ToolNames,
  contextAdviceInput,
  deleteParams,
  diffInput,
  listParams,
  noteParams,
  pruneParams,
  recoverInput,
  restoreParams,
  saveParams,
  selectPaths,
  showParams,
  verifyParams,
} from '../src/model/toolInputs';

interface ToolContribution {
  name: string;
  toolReferenceName: string;
  modelDescription: string;
  inputSchema: { type: string; properties?: Record<string, { type: string; description?: string }>; required?: string[] };
}

const manifest = JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8'));
const contributed: ToolContribution[] = manifest.contributes.languageModelTools;
const retention = { keepLast: 10, maxAgeDays: 30 };

const parsers: Record<string, (input: unknown) => unknown> = {
  [ToolNames.save]: saveParams,
  [ToolNames.list]: listParams,
  [ToolNames.show]: showParams,
  [ToolNames.diff]: diffInput,
  [ToolNames.restore]: restoreParams,
  [ToolNames.delete]: deleteParams,
  [ToolNames.verify]: verifyParams,
  [ToolNames.prune]: (input) => pruneParams(input, retention),
  [ToolNames.note]: noteParams,
  [ToolNames.recover]: recoverInput,
  [ToolNames.contextAdvice]: contextAdviceInput,
};

function rejects(parse: () => unknown, pattern: RegExp): void {
  assert.throws(parse, (error: unknown) => error instanceof ToolInputError && pattern.test(error.message));
}

test('package.json declares exactly the tools the extension registers, each referable with #camelCase', () => {
  assert.deepEqual(contributed.map((tool) => tool.name).sort(), Object.values(ToolNames).sort());
  for (const tool of contributed) {
    const camel = tool.name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
    assert.equal(tool.toolReferenceName, camel, `${tool.name} is referenced as #${camel}`);
    assert.ok(tool.modelDescription.length > 80, `${tool.name} tells the model when to use it`);
  }
});

test('every argument a schema declares is one the tool accepts, and no other', () => {
  for (const tool of contributed) {
    const declared = Object.keys(tool.inputSchema.properties ?? {}).sort();
    for (const [property, schema] of Object.entries(tool.inputSchema.properties ?? {})) {
      assert.ok(schema.description && schema.description.length > 10, `${tool.name}.${property} has a description`);
    }
    // The refusal of an unknown argument lists what is allowed: that list is the schema's.
    let allowed: string[] | undefined;
    try {
      parsers[tool.name]({ notAnArgument: 1 });
    } catch (error) {
      const match = /Allowed: (.*)\.$/.exec((error as Error).message);
      allowed = match?.[1] === 'none' ? [] : match?.[1].split(', ');
    }
    assert.deepEqual(allowed?.sort(), declared, `${tool.name} accepts what its schema declares`);
  }
});

test('save passes name, stage and the optional selection through to checkpoint/save', () => {
  assert.deepEqual(
    saveParams({ name: ' module-05 ', stage: 'draft', notes: 'half done', files: ['src/**/*.ts'], metadata: { task: 42 } }),
    { name: 'module-05', stage: 'draft', notes: 'half done', files: ['src/**/*.ts'], metadata: { task: 42 } },
  );
  assert.deepEqual(saveParams({ name: 'a', stage: 'b', files: [], context: '' }), { name: 'a', stage: 'b' });
});

test('save without a name or stage says what each one is', () => {
  rejects(() => saveParams({ stage: 'draft' }), /checkpoint_save needs 'name': the checkpoint name \(letters, digits/);
  rejects(() => saveParams({ name: 'x', stage: '  ' }), /needs 'stage'/);
});

test('mistyped arguments name the argument, the expected type and what came instead', () => {
  rejects(() => saveParams({ name: 5, stage: 'x' }), /'name' must be a string, got a number/);
  rejects(() => saveParams({ name: 'x', stage: 'y', files: 'src/app.js' }), /'files' must be an array of non-empty strings, got the string "src\/app.js"/);
  rejects(() => saveParams({ name: 'x', stage: 'y', metadata: [1] }), /'metadata' must be a JSON object, got an array/);
  rejects(() => restoreParams({ id: 'a_20250101_000000', mirror: 'yes' }), /'mirror' must be true or false/);
  rejects(() => pruneParams({ keepLast: 0 }, retention), /'keepLast' must be a whole number of at least 1, got 0/);
  rejects(() => pruneParams({ maxAgeDays: 1.5 }, retention), /'maxAgeDays' must be a whole number of at least 0/);
  rejects(() => listParams('module-05'), /checkpoint_list takes a JSON object of arguments \(name\), not the string/);
});

test('an unknown argument is refused with the list of allowed ones', () => {
  rejects(() => deleteParams({ id: 'a_20250101_000000', force: true }), /checkpoint_delete has no argument 'force'\. Allowed: id\./);
});

test('a checkpoint is chosen by id, or by name for the newest of that name, not both', () => {
  assert.deepEqual(showParams({ id: 'notes_2026-02-13_20260213_143022' }), { name: 'notes_2026-02-13', timestamp: '20260213_143022' });
  assert.deepEqual(showParams({ id: 'module-05_20250104_143022_2' }), { name: 'module-05', timestamp: '20250104_143022_2' });
  assert.deepEqual(showParams({ name: 'module-05' }), { name: 'module-05', latest: true });
  rejects(() => showParams({}), /checkpoint_show needs 'id' .* or 'name'/);
  rejects(() => showParams({ id: 'module-05_20250104_143022', name: 'module-05' }), /not both/);
  rejects(() => diffInput({ id: 'module-05' }), /'module-05' is not a checkpoint id\. Expected .*<name>_<YYYYMMDD_HHMMSS>/);
});

test('delete needs an exact id; the newest of a name is a moving target', () => {
  assert.deepEqual(deleteParams({ id: 'module-05_20250104_143022' }), { name: 'module-05', timestamp: '20250104_143022' });
  rejects(() => deleteParams({ name: 'module-05' }), /has no argument 'name'/);
  rejects(() => deleteParams({}), /checkpoint_delete needs 'id'/);
});

test('restore keeps target and mirror, and leaves the dry run to the tool', () => {
  assert.deepEqual(restoreParams({ name: 'm', target: ' out ', mirror: true }), { name: 'm', latest: true, target: 'out', mirror: true });
  assert.deepEqual(restoreParams({ id: 'm_20250104_143022', mirror: false }), { name: 'm', timestamp: '20250104_143022' });
});

test('verify covers everything, a name, or one checkpoint', () => {
  assert.deepEqual(verifyParams(undefined), {});
  assert.deepEqual(verifyParams({ name: 'm' }), { name: 'm' });
  assert.deepEqual(verifyParams({ id: 'm_20250104_143022' }), { name: 'm', timestamp: '20250104_143022' });
});

test('prune falls back to the retention settings; maxAgeDays 0 means no age limit', () => {
  assert.deepEqual(pruneParams({}, retention), { keepLast: 10, maxAgeDays: 30 });
  assert.deepEqual(pruneParams({ keepLast: 3, maxAgeDays: 0, dryRun: true }, retention), { keepLast: 3, dryRun: true });
  assert.deepEqual(pruneParams({ dryRun: false }, { keepLast: 5, maxAgeDays: 0 }), { keepLast: 5 });
});

test('diff paths select files and the files under folders', () => {
  const files = ['src/app.js', 'src/lib/a.js', 'srcx/b.js', 'README.md'];
  assert.deepEqual(selectPaths(files, ['src']), ['src/app.js', 'src/lib/a.js']);
  assert.deepEqual(selectPaths(files, ['./README.md', 'src/lib/']), ['src/lib/a.js', 'README.md']);
  assert.deepEqual(selectPaths(files, undefined), files);
  assert.deepEqual(diffInput({ name: 'm', paths: ['src'] }), { ref: { name: 'm', latest: true }, paths: ['src'] });
});

test('context advice needs a whole percentage from 0 to 100; recover takes nothing', () => {
  assert.equal(contextAdviceInput({ contextPct: 88 }), 88);
  rejects(() => contextAdviceInput({}), /checkpoint_context_advice needs 'contextPct': how full your context window is/);
  rejects(() => contextAdviceInput({ contextPct: 101 }), /'contextPct' must be a whole number from 0 to 100, got 101/);
  rejects(() => contextAdviceInput({ contextPct: '88%' }), /got the string "88%"/);
  assert.deepEqual(recoverInput(undefined), {});
  rejects(() => recoverInput({ day: '2026-02-13' }), /checkpoint_recover has no argument 'day'\. Allowed: none\./);
});

test('restore passes paths through, and refuses paths that are not a list of strings', () => {
  assert.deepEqual(restoreParams({ id: 'm_20250104_143022', paths: ['docs', ' src/a.ts '] }),
    { name: 'm', timestamp: '20250104_143022', paths: ['docs', 'src/a.ts'] });
  rejects(() => restoreParams({ id: 'm_20250104_143022', paths: 'docs' }), /'paths' must be an array of non-empty strings/);
  rejects(() => restoreParams({ id: 'm_20250104_143022', paths: [''] }), /'paths' must be an array/);
});

test('note passes format, fields, contextPct and snapshot, and says what a field must be', () => {
  assert.deepEqual(noteParams({ format: 'emergency', fields: { task: 't', next: 'n' }, contextPct: 88, snapshot: true }),
    { format: 'emergency', fields: { task: 't', next: 'n' }, contextPct: 88, snapshot: true });
  assert.deepEqual(noteParams({ format: 'quick', fields: { text: 'x' }, snapshot: false }), { format: 'quick', fields: { text: 'x' } });
  rejects(() => noteParams({ fields: { task: 't' } }), /needs 'format': one of full, emergency, survival, pre-operation, quick/);
  rejects(() => noteParams({ format: 'huge', fields: {} }), /'format' must be one of/);
  rejects(() => noteParams({ format: 'survival' }), /needs 'fields'.*checkpoint_context_advice/);
  rejects(() => noteParams({ format: 'survival', fields: ['task'] }), /needs 'fields'/);
  rejects(() => noteParams({ format: 'survival', fields: { task: 't', next: 3 } }), /every field value must be a string.*'next' is not/);
  rejects(() => noteParams({ format: 'survival', fields: { task: 't' }, contextPct: 101 }), /'contextPct' must be a whole number from 0 to 100/);
});
