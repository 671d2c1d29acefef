// Test helper (not a test file): the seed lab parsed from the fixtures, optionally with edits to
// the config text, so each test can break the lab in one place.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../../lib/parse/index.js';
import { Network, type NetworkOptions } from '../../lib/emulate/index.js';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'seed-lab');

/** Text edits per file name: [search, replacement] pairs, each must match. */
export type LabEdits = Readonly<Record<string, readonly (readonly [string | RegExp, string])[]>>;

/** Config texts of a lab folder after edits. */
export function labTexts(lab: 'two-spokes' | 'three-spokes', edits: LabEdits = {}): Map<string, string> {
  const names =
    lab === 'two-spokes'
      ? ['hub.cfg', 'spoke1.cfg', 'spoke2.cfg']
      : ['hub.cfg', 'spoke1.cfg', 'spoke2.cfg', 'spoke3.cfg'];
  const out = new Map<string, string>();
  for (const name of names) {
    let text = readFileSync(join(FIXTURES, lab, name), 'utf8');
    for (const [from, to] of edits[name] ?? []) {
      const next = text.replace(from, to);
      if (next === text) throw new Error(`test setup: edit ${String(from)} did not apply to ${name}`);
      text = next;
    }
    out.set(name, text);
  }
  return out;
}

/** The lab as an emulated network (after edits). */
export function labNetwork(
  lab: 'two-spokes' | 'three-spokes' = 'two-spokes',
  edits: LabEdits = {},
  options: NetworkOptions = {},
): Network {
  const texts = labTexts(lab, edits);
  const files = [...texts].map(([file, text]) => ({ ...parseConfig(text, { file }), file }));
  return Network.fromParsed(files, { configTexts: texts, ...options });
}
