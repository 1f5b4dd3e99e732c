/**
 * The note side of the language-model tools: which entry a recovery starts from, which format the
 * seed prescribes at a context %, and how both are worded for the model. The server computes the
 * resume brief and renders the template; this module only chooses and words.
 */
import type { NoteFormat } from '../client/protocol';
import { parseNoteEntries, type NoteEntryHeading } from './noteHeadings';
import type { ToolAnswer } from './toolResults';

/** The latest entry of a day note, and the checkpoint its `**Snapshot:**` line links, if any. */
export interface LatestEntry {
  entry: NoteEntryHeading;
  snapshot?: string;
  /** The entry's markdown, heading included. */
  text: string;
}

/**
 * The entry to resume from: the newest checkpoint entry of the note, a Quick Note only when the note
 * has nothing else (a quick note records a detail, not where the work stands). The Snapshot link is
 * the entry's last `**Snapshot:** <id>` line, as the lens writes it.
 */
export function latestEntry(noteText: string): LatestEntry | undefined {
  const entries = parseNoteEntries(noteText);
  const checkpoints = entries.filter((candidate) => candidate.format !== 'quick');
  const entry = (checkpoints.length > 0 ? checkpoints : entries).at(-1);
  if (!entry) {
    return undefined;
  }
  const next = entries[entries.indexOf(entry) + 1];
  const lines = noteText.split(/\r\n|\r|\n/).slice(entry.line, next?.line);
  const text = lines.join('\n').trimEnd();
  const links = lines.map((line) => /^\s*\*\*Snapshot:?\*\*:?\s*(\S+_\d{8}_\d{6}(?:_\d+)?)\s*$/.exec(line)?.[1]).filter((id): id is string => id !== undefined);
  return { entry, text, ...(links.length > 0 ? { snapshot: links[links.length - 1] } : {}) };
}

export function recoverAnswer(day: string, file: string, latest: LatestEntry, brief: string): ToolAnswer {
  const restore = latest.snapshot
    ? ` Its files were snapshotted as ${latest.snapshot}: checkpoint_diff with {"id": "${latest.snapshot}"} shows what changed since, checkpoint_restore brings them back.`
    : '';
  return {
    summary: `${brief}\n(From "${latest.entry.title}", ${day}, line ${latest.entry.line + 1} of ${file}.)${restore}\n\n${latest.text}`,
    json: {
      brief, day, file, line: latest.entry.line, format: latest.entry.format, time: latest.entry.time,
      ...(latest.entry.contextPct === undefined ? {} : { contextPct: latest.entry.contextPct }),
      ...(latest.snapshot ? { snapshot: latest.snapshot } : {}),
      entry: latest.text,
    },
  };
}

/** The seed's context bands (ARCHITECTURE.md, "Context thresholds"). */
const bands: { below: number; format: NoteFormat; label: string; band: string; when: string }[] = [
  { below: 70, format: 'quick', label: 'Quick Notes', band: '50–69 %', when: 'Capture decisions and details worth keeping as Quick Notes as they happen.' },
  { below: 85, format: 'full', label: 'a Full checkpoint', band: '70–84 %', when: 'Write a Full checkpoint now: session, work state, context to preserve, resume instructions.' },
  { below: 95, format: 'emergency', label: 'an Emergency checkpoint', band: '85–94 %', when: 'Write an Emergency checkpoint now, before anything else: task, status, next step, blockers, files.' },
  { below: 101, format: 'survival', label: 'a Survival checkpoint', band: '95 % and above', when: 'Write a Survival checkpoint immediately, three lines: task, next step, blocked.' },
];

export interface ContextAdvice {
  contextPct: number;
  /** undefined below 50 %: no note is required yet. */
  format?: NoteFormat;
  /** "an Emergency checkpoint". */
  label?: string;
  band?: string;
  advice: string;
}

export function contextAdvice(contextPct: number): ContextAdvice {
  if (contextPct < 50) {
    return { contextPct, advice: 'Below 50 % no checkpoint note is required: keep working (a Pre-Operation entry before a risky operation is always right).' };
  }
  const band = bands.find((candidate) => contextPct < candidate.below)!;
  return { contextPct, format: band.format, label: band.label, band: band.band, advice: band.when };
}

export function contextAdviceAnswer(advice: ContextAdvice, template?: string): ToolAnswer {
  const what = advice.format ? `At ${advice.contextPct} % context the seed prescribes ${advice.label} (${advice.band}). ${advice.advice}` : `At ${advice.contextPct} % context: ${advice.advice}`;
  return {
    summary: template ? `${what}\nIt must contain what this template asks for (replace every placeholder):\n\n${template}` : what,
    json: { ...advice, ...(template ? { template } : {}) },
  };
}
