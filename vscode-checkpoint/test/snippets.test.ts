import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseNoteEntries, type EntryFormat } from '../src/model/noteHeadings';

interface Snippet { prefix: string[]; body: string[]; description: string }

const snippets: Record<string, Snippet> = JSON.parse(
  readFileSync(path.join(__dirname, '..', 'snippets', 'episodic.code-snippets'), 'utf8'),
);

/** What the editor inserts when every tab stop keeps its default, at 14:30 with 75% context. */
function expand(body: string[]): string {
  return body
    .join('\n')
    .replace(/\$CURRENT_HOUR:\$CURRENT_MINUTE/g, '14:30')
    .replace(/\$\{\d+:XX\}/g, '75')
    .replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1')
    .replace(/\$\{\d+:((?:[^}\\]|\\.)*)\}/g, '$1')
    .replace(/\$0/g, '')
    .replace(/\\([$}\\])/g, '$1');
}

const expected: Record<string, EntryFormat> = {
  cpfull: 'full',
  cpemergency: 'emergency',
  cpsurvival: 'survival',
  cppreop: 'pre-operation',
  cpnote: 'quick',
};

test('there is one snippet per note format, each with a short prefix', () => {
  const prefixes = Object.values(snippets).flatMap((snippet) => snippet.prefix);
  assert.deepEqual(Object.keys(expected).filter((prefix) => !prefixes.includes(prefix)), []);
  assert.equal(Object.keys(snippets).length, 5);
});

test('every snippet, expanded with its defaults, is exactly one entry of its format', () => {
  for (const snippet of Object.values(snippets)) {
    const format = expected[snippet.prefix.find((prefix) => prefix in expected) ?? ''];
    const entries = parseNoteEntries(expand(snippet.body));
    assert.equal(entries.length, 1, `${snippet.prefix[0]} expands to ${entries.length} entries`);
    assert.equal(entries[0].format, format, snippet.prefix[0]);
    assert.equal(entries[0].time, '14:30');
  }
});

test('the full checkpoint keeps every section of the seed template', () => {
  const full = expand(Object.values(snippets).find((snippet) => snippet.prefix.includes('cpfull'))!.body);
  for (const section of ['### Current Session', '### Work State', '**Progress:**', '### Context to Preserve', '### Resume Instructions', '### Open Questions', '**Notes:**']) {
    assert.ok(full.includes(section), `missing ${section}`);
  }
  assert.match(full, /^## Checkpoint 14:30 — Context: 75%$/m);
});
