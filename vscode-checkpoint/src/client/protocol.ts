/**
 * The wire contract between the extension and `checkpoint serve` — every custom request,
 * notification and command, typed, in one file. Its C# twin is
 * server/Checkpoint.Server/Lsp/Protocol*.cs; the result shapes are also exactly what the CLI
 * prints with `--json` (one implementation, two faces). Property names are camelCase on the wire.
 *
 * Conventions
 * - A checkpoint is addressed by `name` plus either `latest: true` or `timestamp: "YYYYMMDD_HHMMSS"`
 *   (a collision suffix, "20250104_143022_2", is part of the timestamp). `id` is the folder name
 *   `<name>_<timestamp>`.
 * - Paths inside a checkpoint are relative to the workspace root and `/`-separated.
 * - Times on the wire are ISO 8601 local time without offset, as in checkpoint.json
 *   ("2025-01-04T14:30:22").
 * - save, resume, verify, push, pull (and workspace/executeCommand) accept the standard LSP `workDoneToken`
 *   and report `$/progress` on it; they honour `$/cancelRequest` (error -32800).
 * - Errors are JSON-RPC errors: code -32602 for invalid params/names (message says what is allowed),
 *   -32803 (RequestFailed) for everything else, with `data: CheckpointErrorData`.
 */

import { NotificationType, RequestType } from 'vscode-languageclient/node';

// ---------------------------------------------------------------------------------------------
// Shared shapes

/** Selects one checkpoint. Exactly one of latest / timestamp. */
export interface CheckpointRef {
  name: string;
  latest?: boolean;
  timestamp?: string;
}

export type CheckpointLayout = 'objects' | 'seed';

/** One checkpoint as listed (newest first within a name). */
export interface CheckpointSummary {
  id: string;              // "module-05_20250104_143022"
  name: string;
  timestamp: string;       // "20250104_143022" (with collision suffix when present)
  created: string;         // ISO, from checkpoint.json "timestamp"
  stage: string;
  notes: string;
  totalFiles: number;
  totalWords: number;
  totalSize: number;
  layout: CheckpointLayout; // 'seed' = written by the seed's tool (files/ folder of copies)
  scope: string[];         // saved scope relative to root ("" = whole root), may be empty for seed layout
}

/** One file entry of checkpoint.json, camelCased. */
export interface CheckpointFile {
  path: string;
  size: number;            // a link: its target text's byte length
  modified: string;
  hash: string;            // "sha256:<64 hex>"; a link: of its target text
  wordCount: number;
  mode?: string;           // the recorded permission bits, "0755"; absent when none was recorded
  kind?: 'link';           // a symbolic link (its content is its target text); absent for a file
}

export interface CheckpointDetail extends CheckpointSummary {
  metadata: Record<string, unknown>;
  files: CheckpointFile[];
  /** Absolute path of its CHECKPOINT_SUMMARY.md; absent when it has none (the seed's tool may write none). */
  summaryPath?: string;
}

export type ErrorKind =
  | 'invalidArgument'   // CLI exit 2
  | 'notFound'          // CLI exit 2; data.available lists what exists
  | 'integrity'         // CLI exit 3
  | 'locked'            // CLI exit 1; another writer holds the store lock
  | 'failed';           // CLI exit 1

export interface CheckpointErrorData {
  kind: ErrorKind;
  available?: string[];     // for notFound: the names, or the timestamps of the name
  damaged: DamagedFile[];  // for integrity
}

// ---------------------------------------------------------------------------------------------
// checkpoint/save

export interface SaveParams {
  name: string;
  stage: string;
  notes?: string;
  /** Paths or globs relative to `cwd` (or the root); `**` allowed. */
  files?: string[];
  /** A folder to save, relative to `cwd` (or the root). */
  context?: string;
  /** Arbitrary JSON object stored as checkpoint.json "metadata". */
  metadata?: Record<string, unknown>;
  /** Directory the relative `files`/`context` are resolved against; default: the root. */
  cwd?: string;
}
export interface SaveResult {
  checkpoint: CheckpointSummary;
  newObjects: number;      // file contents the store did not have yet
  reusedObjects: number;   // deduplicated against earlier checkpoints
  bytesWritten: number;
  elapsedMs: number;
  skipped: SkippedFile[];  // in the scope but not saved: FIFOs and devices, names that are not UTF-8, unreadable files
}
/** reason e.g. "not a regular file (fifo)", "name is not valid UTF-8: not saved (rename it to save it)". */
export interface SkippedFile { path: string; reason: string; }

// ---------------------------------------------------------------------------------------------
// checkpoint/list

export interface ListParams { name?: string; }
export interface ListResult {
  checkpoints: CheckpointSummary[]; // grouped by name, newest first
  unreadable?: string[];            // ids left out: their checkpoint.json cannot be read (checkpoint/verify says why)
}

// ---------------------------------------------------------------------------------------------
// checkpoint/show

export type ShowParams = CheckpointRef;
export type ShowResult = CheckpointDetail;

// ---------------------------------------------------------------------------------------------
// checkpoint/diff — checkpoint vs working tree, within the checkpoint's saved scope; with `to`, vs another checkpoint

export interface DiffParams extends CheckpointRef {
  to?: string;         // another checkpoint's id: compare the two (folders with the same tree are skipped unread)
}
export interface DiffResult {
  id: string;
  added: string[];     // in the working tree (or in `to`), not in the checkpoint
  removed: string[];   // in the checkpoint, missing from the working tree (or from `to`)
  changed: string[];   // content, link target or mode differs
  unchanged: number;
  modeChanges?: ModeChange[]; // the changed files whose permission bits differ from the recorded ones (servers before format 3: absent)
  to?: string;         // the other checkpoint's id, when the params named one
}
/** Permission bits as four octal digits: in the checkpoint → in the working tree (or in `to`). */
export interface ModeChange { path: string; before: string; after: string; }

// ---------------------------------------------------------------------------------------------
// checkpoint/resume (alias of the CLI's restore)

export interface ResumeParams extends CheckpointRef {
  dryRun?: boolean;
  /** Restore into this folder instead of the root (created if missing). */
  target?: string;
  noVerify?: boolean;
  /** Write a markdown report to this file. */
  report?: string;
  /** Also delete files inside the saved scope that the checkpoint does not have. */
  mirror?: boolean;
  /** Restore only these files of the checkpoint (root-relative; a folder means every file below it). */
  paths?: string[];
}
export interface FailedFile { path: string; reason: string; }
export interface ResumeResult {
  id: string;
  target: string;            // absolute
  dryRun: boolean;
  created: string[];         // did not exist, (would be) written
  overwritten: string[];     // existed with other content, (would be) replaced
  deleted: string[];         // --mirror only
  unchanged: string[];       // already identical, left as is
  leftAlone: number;         // files in scope not in the checkpoint (without --mirror)
  verified: boolean;         // every file written and its hash checked; false when any failed, and for a dry run
  failed: FailedFile[];
  /** With noVerify: stored contents that were missing or did not match, hence not written (CLI exit 3). */
  damaged: DamagedFile[];
  /** Id of the automatic safety checkpoint taken before writing into the root, if any. */
  safetyCheckpoint?: string;
  report?: string;           // absolute path of the written report
}

// ---------------------------------------------------------------------------------------------
// checkpoint/verify

/** deep: decode and rehash every compressed object (default: a compressed pack entry is proven by its stored bytes' checksum). */
export interface VerifyParams { name?: string; timestamp?: string; deep?: boolean; }
export interface DamagedFile { path: string; problem: 'missing' | 'mismatch' | 'unreadable'; }
export interface VerifiedCheckpoint { id: string; ok: boolean; files: number; damaged: DamagedFile[]; }
export interface VerifyResult { ok: boolean; checkpoints: VerifiedCheckpoint[]; }

// ---------------------------------------------------------------------------------------------
// checkpoint/delete

export interface DeleteParams { name: string; timestamp: string; }
export interface DeleteResult { id: string; }

// ---------------------------------------------------------------------------------------------
// checkpoint/prune

export interface PruneParams { keepLast?: number; maxAgeDays?: number; dryRun?: boolean; }
export interface PruneResult {
  dryRun: boolean;
  deleted: string[];     // checkpoint ids removed (or that would be)
  kept: string[];
  objectsRemoved: number;
  bytesFreed: number;
}

// ---------------------------------------------------------------------------------------------
// checkpoint/fileContent — bytes of one file of one checkpoint, for diff editors

export interface FileContentParams extends CheckpointRef { path: string; }
export interface FileContentResult {
  path: string;
  /** UTF-8 text when the content is valid UTF-8 without NUL bytes, else null and `base64` set. */
  text: string | null;
  base64?: string;
  size: number;
}

// ---------------------------------------------------------------------------------------------
// checkpoint/note — render a template and append it to memory/episodic/YYYY-MM-DD.md

export type NoteFormat = 'full' | 'emergency' | 'survival' | 'pre-operation' | 'quick';
export interface NoteParams {
  format: NoteFormat;
  contextPct?: number;
  date?: string;          // YYYY-MM-DD, default today (local)
  time?: string;          // HH:MM, default now (local)
  /** false: only render, do not write. Default true. */
  append?: boolean;
  /** The entry's fields (camelCase keys; list fields one item per line): a filled-in entry instead of the blank template. */
  fields?: Record<string, string>;
  /** Also save the workspace as `notes-YYYY-MM-DD` and link it from the entry (needs `fields`). */
  snapshot?: boolean;
}
export interface NoteResult {
  path: string;           // absolute path of the day's note
  text: string;           // the rendered entry
  /** 0-based line of the entry heading in the file after appending; -1 when `append` was false. */
  line: number;
  /** The checkpoint saved and linked from the entry, when `snapshot` asked for one. */
  snapshot?: SaveResult;
}

// ---------------------------------------------------------------------------------------------
// checkpoint/changed — server → client notification when the store changes (any process)

export interface ChangedParams {
  /** Ids added or removed since the last notification, when known. */
  ids?: string[];
}

// ---------------------------------------------------------------------------------------------
// checkpoint/push, checkpoint/pull — checkpoints as git commits under refs/checkpoints/<name>/<timestamp>
// of any git remote (never a branch); checkpoint/remotes, checkpoint/remoteCheckpoints (git ls-remote,
// nothing downloaded). push and pull accept `workDoneToken` and honour `$/cancelRequest`.

export interface TransferParams {
  remote?: string;        // a remote of the store; default: the only one, else "origin"
  name?: string;          // only the checkpoints of this name
  id?: string;            // only this checkpoint
  withNotes?: boolean;    // push: each commit also carries the episodic day notes linking it (notes/YYYY-MM-DD.md)
}
// push: 'sent'; pull: 'written' | 'identical' | 'beside' (a different local note of that day was kept; this one is
// YYYY-MM-DD.<checkpoint id>.md beside it) | 'refused' (nothing written, see message)
export type TransferredNoteOutcome = 'sent' | 'written' | 'identical' | 'beside' | 'refused';
export interface TransferredNote {
  name: string;           // "YYYY-MM-DD.md"
  outcome: TransferredNoteOutcome;
  path?: string;          // pull: where it is in this workspace, absolute
  message?: string;
}
export type TransferOutcome = 'pushed' | 'up-to-date' | 'pulled' | 'present' | 'conflict' | 'damaged' | 'failed';
export interface TransferredCheckpoint {
  id: string;
  ref: string;            // "refs/checkpoints/<name>/<timestamp>"
  outcome: TransferOutcome;
  message?: string;       // why it was refused (conflict, damaged, failed): names the remote, the ref, what git said
  damaged?: DamagedFile[];
  notes?: TransferredNote[]; // the episodic notes that travelled with it
}
export interface TransferResult {
  remote: string;
  url: string;
  checkpoints: TransferredCheckpoint[];
  elapsedMs: number;
  ok: boolean;            // nothing refused
}
export interface RemoteInfo { name: string; url: string; }
export interface RemoteListResult { remotes: RemoteInfo[]; }
export interface RemoteCheckpointsParams { remote?: string; }
export interface RemoteCheckpoint { id: string; name: string; timestamp: string; ref: string; local: boolean; }
export interface RemoteCheckpointsResult { remote: string; url: string; checkpoints: RemoteCheckpoint[]; }

// ---------------------------------------------------------------------------------------------
// Requests and notifications: each method is declared once, with its params and result types, so a
// client call that pairs a method with the wrong shapes does not compile (vscode-csharp's roslynProtocol.ts
// does the same).

/** checkpoint/remotes takes no params; an empty object is sent. */
export type RemotesParams = Record<string, never>;

export const Requests = {
  save: new RequestType<SaveParams, SaveResult, void>('checkpoint/save'),
  list: new RequestType<ListParams, ListResult, void>('checkpoint/list'),
  show: new RequestType<ShowParams, ShowResult, void>('checkpoint/show'),
  diff: new RequestType<DiffParams, DiffResult, void>('checkpoint/diff'),
  resume: new RequestType<ResumeParams, ResumeResult, void>('checkpoint/resume'),
  verify: new RequestType<VerifyParams, VerifyResult, void>('checkpoint/verify'),
  delete: new RequestType<DeleteParams, DeleteResult, void>('checkpoint/delete'),
  prune: new RequestType<PruneParams, PruneResult, void>('checkpoint/prune'),
  fileContent: new RequestType<FileContentParams, FileContentResult, void>('checkpoint/fileContent'),
  note: new RequestType<NoteParams, NoteResult, void>('checkpoint/note'),
  push: new RequestType<TransferParams, TransferResult, void>('checkpoint/push'),
  pull: new RequestType<TransferParams, TransferResult, void>('checkpoint/pull'),
  remotes: new RequestType<RemotesParams, RemoteListResult, void>('checkpoint/remotes'),
  remoteCheckpoints: new RequestType<RemoteCheckpointsParams, RemoteCheckpointsResult, void>('checkpoint/remoteCheckpoints'),
} as const;

export const Notifications = {
  changed: new NotificationType<ChangedParams | undefined>('checkpoint/changed'),
} as const;

// ---------------------------------------------------------------------------------------------
// Commands the server's code lenses carry (workspace/executeCommand). The client registers a
// VS Code command of the same id that forwards to the server (or handles it client-side where it
// needs UI), with the arguments shown.

export const LensCommands = {
  /** args: [uri: string, line: number] → server returns { brief: string }; client shows it. */
  resumeBrief: 'checkpoint.lens.resumeBrief',
  /** args: [uri: string, line: number] → server saves a checkpoint named after the note's day
   *  (`notes-YYYY-MM-DD`, stage = entry format) and inserts `**Snapshot:** <id>` into the entry
   *  via workspace/applyEdit; returns SaveResult. */
  snapshotNow: 'checkpoint.lens.snapshotNow',
  /** args: [id: string] → client runs its resume flow (preview + modal confirm) for that id. */
  restoreSnapshot: 'checkpoint.lens.restoreSnapshot',
  /** args: [uri: string, line: number, firstLine: number, lastLine: number] → client selects the
   *  entry's progress checklist (its first and last line, as the server parsed them). */
  showProgress: 'checkpoint.lens.showProgress',
} as const;

export interface ResumeBriefResult { brief: string; }
