/**
 * The inputs of the language-model tools (package.json `contributes.languageModelTools`), checked
 * and turned into the `checkpoint/*` request params. An agent sends whatever it made up: every
 * check fails with a sentence that names the argument and says what is allowed, so the model can
 * correct its call. The rules on values themselves (the name rule, timestamps, known ids) stay
 * with the server, which answers them with the same kind of sentence.
 */
import type { CheckpointRef, DeleteParams, ListParams, NoteFormat, NoteParams, PruneParams, ResumeParams, SaveParams, VerifyParams } from '../client/protocol';
import { refOfId } from './checkpointIds';

/** The tool names, the same as the MCP server's (`checkpoint mcp`), so an agent learns one set. */
export const ToolNames = {
  save: 'checkpoint_save',
  list: 'checkpoint_list',
  show: 'checkpoint_show',
  diff: 'checkpoint_diff',
  restore: 'checkpoint_restore',
  delete: 'checkpoint_delete',
  verify: 'checkpoint_verify',
  prune: 'checkpoint_prune',
  note: 'checkpoint_note',
  recover: 'checkpoint_recover',
  contextAdvice: 'checkpoint_context_advice',
} as const;

export type ToolName = (typeof ToolNames)[keyof typeof ToolNames];

/** A tool call whose input cannot be used; the message is for the model. */
export class ToolInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolInputError';
  }
}

type Input = Record<string, unknown>;

/** The input as an object that has only the allowed keys. */
function objectInput(tool: ToolName, input: unknown, allowed: readonly string[]): Input {
  if (input === undefined || input === null) {
    return {};
  }
  if (typeof input !== 'object' || Array.isArray(input)) {
    throw new ToolInputError(`${tool} takes a JSON object of arguments (${allowed.join(', ') || 'none'}), not ${describe(input)}.`);
  }
  const unknown = Object.keys(input).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) {
    throw new ToolInputError(`${tool} has no argument ${unknown.map((key) => `'${key}'`).join(', ')}. Allowed: ${allowed.join(', ') || 'none'}.`);
  }
  return input as Input;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `a ${typeof value}`;
}

function optionalString(tool: ToolName, input: Input, key: string): string | undefined {
  const value = input[key];
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'string') {
    throw new ToolInputError(`${tool}: '${key}' must be a string, got ${describe(value)}.`);
  }
  return value;
}

function requiredString(tool: ToolName, input: Input, key: string, what: string): string {
  const value = optionalString(tool, input, key);
  if (value === undefined || value.trim() === '') {
    throw new ToolInputError(`${tool} needs '${key}': ${what}.`);
  }
  return value.trim();
}

function optionalStringArray(tool: ToolName, input: Input, key: string): string[] | undefined {
  const value = input[key];
  if (value === undefined) {
    return undefined;
  }
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || item.trim() === '')) {
    throw new ToolInputError(`${tool}: '${key}' must be an array of non-empty strings, got ${describe(value)}.`);
  }
  return value.map((item: string) => item.trim());
}

function optionalBoolean(tool: ToolName, input: Input, key: string): boolean | undefined {
  const value = input[key];
  if (value !== undefined && typeof value !== 'boolean') {
    throw new ToolInputError(`${tool}: '${key}' must be true or false, got ${describe(value)}.`);
  }
  return value;
}

function optionalInteger(tool: ToolName, input: Input, key: string, min: number, max?: number): number | undefined {
  const value = input[key];
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || (max !== undefined && value > max)) {
    const range = max === undefined ? `of at least ${min}` : `from ${min} to ${max}`;
    throw new ToolInputError(`${tool}: '${key}' must be a whole number ${range}, got ${typeof value === 'number' ? value : describe(value)}.`);
  }
  return value;
}

const idHelp = 'a checkpoint id "<name>_<YYYYMMDD_HHMMSS>" as checkpoint_list shows it';

function refFromId(tool: ToolName, id: string): CheckpointRef & { timestamp: string } {
  const ref = refOfId(id);
  if (!ref) {
    throw new ToolInputError(`${tool}: '${id}' is not a checkpoint id. Expected ${idHelp}, e.g. "module-05_20250104_143022".`);
  }
  return ref;
}

/**
 * One checkpoint: `id`, or `name` for that name's newest checkpoint. Both at once would be two
 * answers to one question, so that is refused too.
 */
function checkpointRef(tool: ToolName, input: Input): CheckpointRef {
  const id = optionalString(tool, input, 'id')?.trim();
  const name = optionalString(tool, input, 'name')?.trim();
  if (id && name) {
    throw new ToolInputError(`${tool}: give either 'id' (one checkpoint) or 'name' (its newest checkpoint), not both.`);
  }
  if (id) {
    return refFromId(tool, id);
  }
  if (name) {
    return { name, latest: true };
  }
  throw new ToolInputError(`${tool} needs 'id' (${idHelp}) or 'name' (then the newest checkpoint of that name is used).`);
}

export function saveParams(input: unknown): SaveParams {
  const tool = ToolNames.save;
  const args = objectInput(tool, input, ['name', 'stage', 'notes', 'files', 'context', 'metadata']);
  const metadata = args.metadata;
  if (metadata !== undefined && (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata))) {
    throw new ToolInputError(`${tool}: 'metadata' must be a JSON object, got ${describe(metadata)}.`);
  }
  const files = optionalStringArray(tool, args, 'files');
  const context = optionalString(tool, args, 'context')?.trim();
  const notes = optionalString(tool, args, 'notes');
  return {
    name: requiredString(tool, args, 'name', 'the checkpoint name (letters, digits, "-" and "_", at most 50 characters), e.g. "module-05"'),
    stage: requiredString(tool, args, 'stage', 'what state the work is in, e.g. "draft", "validated", "before-refactor"'),
    ...(notes !== undefined ? { notes } : {}),
    ...(files && files.length > 0 ? { files } : {}),
    ...(context ? { context } : {}),
    ...(metadata !== undefined ? { metadata: metadata as Record<string, unknown> } : {}),
  };
}

export function listParams(input: unknown): ListParams {
  const args = objectInput(ToolNames.list, input, ['name']);
  const name = optionalString(ToolNames.list, args, 'name')?.trim();
  return name ? { name } : {};
}

export function showParams(input: unknown): CheckpointRef {
  return checkpointRef(ToolNames.show, objectInput(ToolNames.show, input, ['id', 'name']));
}

export interface DiffInput {
  ref: CheckpointRef;
  /** Only these files, or the files under these folders; undefined: every file. */
  paths?: string[];
}

export function diffInput(input: unknown): DiffInput {
  const args = objectInput(ToolNames.diff, input, ['id', 'name', 'paths']);
  const paths = optionalStringArray(ToolNames.diff, args, 'paths');
  return { ref: checkpointRef(ToolNames.diff, args), ...(paths && paths.length > 0 ? { paths } : {}) };
}

/** The restore to run; the tool runs it as a dry run first (the confirmation shows that preview). */
export function restoreParams(input: unknown): ResumeParams {
  const args = objectInput(ToolNames.restore, input, ['id', 'name', 'paths', 'target', 'mirror']);
  const target = optionalString(ToolNames.restore, args, 'target')?.trim();
  const mirror = optionalBoolean(ToolNames.restore, args, 'mirror');
  const paths = optionalStringArray(ToolNames.restore, args, 'paths');
  return {
    ...checkpointRef(ToolNames.restore, args),
    ...(paths && paths.length > 0 ? { paths } : {}),
    ...(target ? { target } : {}),
    ...(mirror ? { mirror } : {}),
  };
}

const noteFormats: readonly NoteFormat[] = ['full', 'emergency', 'survival', 'pre-operation', 'quick'];

/**
 * checkpoint_note: a filled-in entry. The fields' names and which are required depend on the format;
 * the server checks them (and says which are allowed), this only checks their shape.
 */
export function noteParams(input: unknown): NoteParams {
  const tool = ToolNames.note;
  const args = objectInput(tool, input, ['format', 'fields', 'contextPct', 'snapshot']);
  const format = requiredString(tool, args, 'format', `one of ${noteFormats.join(', ')}`);
  if (!noteFormats.includes(format as NoteFormat)) {
    throw new ToolInputError(`${tool}: 'format' must be one of ${noteFormats.join(', ')}, got ${describe(format)}.`);
  }
  const fields = args.fields;
  if (fields === undefined || fields === null || typeof fields !== 'object' || Array.isArray(fields)) {
    throw new ToolInputError(`${tool} needs 'fields': an object of the entry's field values, e.g. {"task": "Port the parser", "next": "wire the CLI"}; checkpoint_context_advice lists the fields of each format.`);
  }
  const notText = Object.entries(fields).filter(([, value]) => typeof value !== 'string').map(([key]) => `'${key}'`);
  if (notText.length > 0) {
    throw new ToolInputError(`${tool}: every field value must be a string (list fields: one item per line); ${notText.join(', ')} ${notText.length === 1 ? 'is' : 'are'} not.`);
  }
  const contextPct = optionalInteger(tool, args, 'contextPct', 0, 100);
  const snapshot = optionalBoolean(tool, args, 'snapshot');
  return {
    format: format as NoteFormat,
    fields: fields as Record<string, string>,
    ...(contextPct === undefined ? {} : { contextPct }),
    ...(snapshot ? { snapshot } : {}),
  };
}

/** A delete names exactly one checkpoint: no "newest of a name", which would pick a moving target. */
export function deleteParams(input: unknown): DeleteParams {
  const args = objectInput(ToolNames.delete, input, ['id']);
  const ref = refFromId(ToolNames.delete, requiredString(ToolNames.delete, args, 'id', idHelp));
  return { name: ref.name, timestamp: ref.timestamp };
}

export function verifyParams(input: unknown): VerifyParams {
  const args = objectInput(ToolNames.verify, input, ['id', 'name']);
  if (args.id === undefined && args.name === undefined) {
    return {};
  }
  const ref = checkpointRef(ToolNames.verify, args);
  return ref.timestamp ? { name: ref.name, timestamp: ref.timestamp } : { name: ref.name };
}

/** The retention when the call gives none: the user's `checkpoint.retention.*` settings, as the Prune command uses. */
export interface RetentionDefaults {
  keepLast: number;
  /** 0: no age limit. */
  maxAgeDays: number;
}

export function pruneParams(input: unknown, defaults: RetentionDefaults): PruneParams {
  const args = objectInput(ToolNames.prune, input, ['keepLast', 'maxAgeDays', 'dryRun']);
  const keepLast = optionalInteger(ToolNames.prune, args, 'keepLast', 1) ?? defaults.keepLast;
  const maxAgeDays = optionalInteger(ToolNames.prune, args, 'maxAgeDays', 0) ?? defaults.maxAgeDays;
  return {
    keepLast,
    ...(maxAgeDays > 0 ? { maxAgeDays } : {}),
    ...(optionalBoolean(ToolNames.prune, args, 'dryRun') ? { dryRun: true } : {}),
  };
}

/** checkpoint_recover takes no arguments. */
export function recoverInput(input: unknown): Record<string, never> {
  objectInput(ToolNames.recover, input, []);
  return {};
}

/** The context window's fill, 0–100 %. */
export function contextAdviceInput(input: unknown): number {
  const tool = ToolNames.contextAdvice;
  const pct = optionalInteger(tool, objectInput(tool, input, ['contextPct']), 'contextPct', 0, 100);
  if (pct === undefined) {
    throw new ToolInputError(`${tool} needs 'contextPct': how full your context window is, a whole number from 0 to 100.`);
  }
  return pct;
}

/** Keeps the paths equal to a filter or inside a filter folder ("src" keeps "src/app.js"). */
export function selectPaths(paths: readonly string[], filters: readonly string[] | undefined): string[] {
  if (!filters) {
    return [...paths];
  }
  const normalised = filters.map((filter) => filter.replace(/\\/g, '/').replace(/^\.\/+/, '').replace(/\/+$/, ''));
  return paths.filter((file) => normalised.some((filter) => filter === '' || file === filter || file.startsWith(`${filter}/`)));
}
