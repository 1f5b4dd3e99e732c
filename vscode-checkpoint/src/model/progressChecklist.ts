/**
 * Locates the "**Progress:**" checklist of the entry that starts at a given line, for the
 * "Show Progress" code lens: the range runs from the Progress label to the last checklist item
 * that follows it, and never past the next entry heading.
 */
import { parseNoteEntries } from './noteHeadings';

export interface LineRange {
  startLine: number;
  endLine: number;
}

export function findProgressChecklist(text: string, entryLine: number): LineRange | undefined {
  const lines = text.split(/\r\n|\r|\n/);
  const nextEntry = parseNoteEntries(text).find((entry) => entry.line > entryLine)?.line ?? lines.length;
  for (let line = entryLine + 1; line < nextEntry; line++) {
    if (/^\s*\*\*Progress:?\*\*:?/i.test(lines[line])) {
      let end = line;
      for (let item = line + 1; item < nextEntry; item++) {
        if (/^\s*[-*+]\s+\[[ xX]\]/.test(lines[item])) {
          end = item;
        } else if (lines[item].trim().length > 0) {
          break;
        }
      }
      return { startLine: line, endLine: end };
    }
  }
  return undefined;
}
