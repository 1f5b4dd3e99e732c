/**
 * Finds the entry headings of an episodic note (memory/episodic/YYYY-MM-DD.md) for the notes
 * tree. The server owns the full analysis (Markdig, diagnostics, lenses); the tree only needs
 * "which entries, of which format, on which line" and must not wait for the server, so it scans
 * lines here, as leniently as people and agents type: optional [brackets] around the time, an
 * em dash, "--" or "-" before "Context", any heading level for Quick Notes, CRLF line ends.
 */

export type EntryFormat = 'full' | 'emergency' | 'survival' | 'pre-operation' | 'quick';

export interface NoteEntryHeading {
  format: EntryFormat;
  /** "HH:MM" as written (without brackets). */
  time: string;
  /** Context percentage when the heading carries one. */
  contextPct?: number;
  /** 0-based line of the heading. */
  line: number;
  /** The heading text without the leading #'s. */
  title: string;
}

const time = String.raw`\[?\s*(\d{1,2}:\d{2})\s*\]?`;
const context = String.raw`(?:\s*(?:—|–|--|-)?\s*Context:?\s*(\d{1,3})\s*%?)?`;

const patterns: { format: EntryFormat; level: RegExp; body: RegExp }[] = [
  { format: 'emergency', level: /^##$/, body: new RegExp(String.raw`^EMERGENCY\s+CHECKPOINT\s+${time}${context}\s*$`, 'i') },
  { format: 'survival', level: /^##$/, body: new RegExp(String.raw`^SURVIVAL(?:\s+CHECKPOINT)?\s+${time}${context}\s*$`, 'i') },
  { format: 'pre-operation', level: /^##$/, body: new RegExp(String.raw`^Pre-?Operation(?:\s+Checkpoint)?\s+${time}\s*$`, 'i') },
  { format: 'full', level: /^##$/, body: new RegExp(String.raw`^Checkpoint\s+${time}${context}\s*$`, 'i') },
  { format: 'quick', level: /^#{1,6}$/, body: new RegExp(String.raw`^${time}\s+Note\s*$`, 'i') },
];

/** Every entry heading in document order; headings inside fenced code blocks are not entries. */
export function parseNoteEntries(text: string): NoteEntryHeading[] {
  const entries: NoteEntryHeading[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  let fence: string | undefined;
  lines.forEach((raw, line) => {
    const trimmed = raw.trim();
    const fenceMatch = /^(`{3,}|~{3,})/.exec(trimmed);
    if (fenceMatch) {
      if (fence === undefined) {
        fence = fenceMatch[1];
      } else if (fenceMatch[1][0] === fence[0] && fenceMatch[1].length >= fence.length) {
        fence = undefined;
      }
      return;
    }
    if (fence !== undefined) {
      return;
    }
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(trimmed);
    if (!heading || raw.startsWith('    ')) {
      return;
    }
    const [, hashes, title] = heading;
    for (const pattern of patterns) {
      const match = pattern.level.test(hashes) ? pattern.body.exec(title) : null;
      if (match) {
        const pct = match[2] === undefined ? undefined : Number(match[2]);
        entries.push({ format: pattern.format, time: match[1], line, title, ...(pct === undefined ? {} : { contextPct: pct }) });
        return;
      }
    }
  });
  return entries;
}

/** "YYYY-MM-DD" when the file name is a day note, else undefined. */
export function dayOfNoteFile(fileName: string): string | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})\.md$/i.exec(fileName);
  return match ? match[1] : undefined;
}

/** The label the notes tree shows for a format. */
export const formatLabels: Record<EntryFormat, string> = {
  full: 'Checkpoint',
  emergency: 'Emergency',
  survival: 'Survival',
  'pre-operation': 'Pre-Operation',
  quick: 'Note',
};
