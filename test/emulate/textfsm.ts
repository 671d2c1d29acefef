// Test helper (not a test file): parses text with an ntc-templates TextFSM template through
// Debian's python3-textfsm, reading the templates from ../shared/oracle (never copied here).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const REPO = join(import.meta.dirname, '..', '..');
/** The oracle folder: `../shared/oracle` relative to the repository root's parent. */
export const ORACLE = join(REPO, '..', 'shared', 'oracle', 'ntc-templates');
const PYTHON = '/usr/bin/python3';

const SCRIPT = `
import json, sys, textfsm
jobs = json.load(sys.stdin)
out = []
for job in jobs:
    try:
        with open(job["template"]) as f:
            t = textfsm.TextFSM(f)
            rows = t.ParseText(job["text"])
        out.append({"records": [dict(zip([h.lower() for h in t.header], r)) for r in rows]})
    except textfsm.TextFSMError as e:
        out.append({"error": str(e)})
print(json.dumps(out))
`;

/** True when the oracle templates and python3-textfsm are both present. */
export function textfsmAvailable(): boolean {
  if (!existsSync(ORACLE) || !existsSync(PYTHON)) return false;
  return spawnSync(PYTHON, ['-c', 'import textfsm'], { stdio: 'ignore' }).status === 0;
}

export type Record = Readonly<{ [field: string]: string | string[] }>;
export type ParseResult = { readonly records: Record[] } | { readonly error: string };

/** Parses each text with the template (a file name under ntc_templates/templates). */
export function parseWith(template: string, texts: readonly string[]): ParseResult[] {
  const path = join(ORACLE, 'ntc_templates', 'templates', template);
  const input = JSON.stringify(texts.map((text) => ({ template: path, text })));
  const r = spawnSync(PYTHON, ['-W', 'ignore', '-c', SCRIPT], { input, encoding: 'utf8', maxBuffer: 256 << 20 });
  if (r.status !== 0) throw new Error(`textfsm failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as ParseResult[];
}

/** The records of one text, failing loudly (with the template's message) when it does not parse. */
export function recordsOf(template: string, text: string): Record[] {
  const [r] = parseWith(template, [text]);
  if ('error' in r!) throw new Error(`${template} rejected the transcript: ${r.error}`);
  return r!.records;
}
