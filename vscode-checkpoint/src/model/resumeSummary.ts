/**
 * Words for a resume (restore) result: the modal's question after a dry run, and the
 * notification after the real run. Every path in the lists is relative and "/"-separated.
 */
import type { ResumeResult } from '../client/protocol';

const listLimit = 12;

function listed(title: string, paths: readonly string[]): string[] {
  if (paths.length === 0) {
    return [];
  }
  const shown = paths.slice(0, listLimit).map((p) => `  ${p}`);
  const more = paths.length > listLimit ? [`  … and ${paths.length - listLimit} more`] : [];
  return [`${title} (${paths.length}):`, ...shown, ...more];
}

/** One line of counts: "2 added, 1 overwritten, 3 unchanged, 4 left alone". */
export function resumeCounts(result: ResumeResult): string {
  const parts = [
    `${result.created.length} added`,
    `${result.overwritten.length} overwritten`,
  ];
  if (result.deleted.length > 0) {
    parts.push(`${result.deleted.length} deleted`);
  }
  parts.push(`${result.unchanged.length} unchanged`, `${result.leftAlone} left alone`);
  return parts.join(', ');
}

/** The modal's detail text for a dry run: counts, then the files that would be written. */
export function resumePreviewDetail(result: ResumeResult): string {
  return [
    resumeCounts(result),
    '',
    ...listed('Added', result.created),
    ...listed('Overwritten', result.overwritten),
    ...listed('Deleted', result.deleted),
    result.leftAlone > 0 ? `${result.leftAlone} file(s) not in the checkpoint are left alone.` : '',
  ].filter((line, index, lines) => !(line === '' && lines[index - 1] === '')).join('\n').trim();
}

/** True when resuming would not change a single file. */
export function resumeChangesNothing(result: ResumeResult): boolean {
  return result.created.length === 0 && result.overwritten.length === 0 && result.deleted.length === 0;
}

/** A markdown report of a dry run, for "Preview only". */
export function resumePreviewMarkdown(result: ResumeResult): string {
  const section = (title: string, paths: readonly string[]) =>
    paths.length === 0 ? [] : [`## ${title} (${paths.length})`, '', ...paths.map((p) => `- \`${p}\``), ''];
  return [
    `# Resume preview: ${result.id}`,
    '',
    `Target: \`${result.target}\``,
    '',
    `${resumeCounts(result)}. Nothing was written.`,
    '',
    ...section('Would be added', result.created),
    ...section('Would be overwritten', result.overwritten),
    ...section('Would be deleted', result.deleted),
    ...section('Already identical', result.unchanged),
  ].join('\n');
}

/** The notification after a real resume. */
export function resumeDoneMessage(result: ResumeResult): string {
  const safety = result.safetyCheckpoint ? ` Overwritten files were first saved as ${result.safetyCheckpoint}.` : '';
  const verified = result.verified ? ' Hashes verified.' : '';
  return `Resumed ${result.id}: ${resumeCounts(result)}.${verified}${safety}`;
}
