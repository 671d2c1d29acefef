/**
 * SARIF 2.1.0 (OASIS), for code-scanning UIs: one result per distinct finding, located at the
 * config file and line, so the configs themselves get annotated; the rules are the problem codes
 * of the verifier's catalogue with their description and fix hint.
 */
import { createHash } from 'node:crypto';
import { isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROBLEM_CODES } from '../verify/findings/problem-codes.js';
import { hubspokeVersion } from './hubspoke-version.js';
import { pairStatus, problemKey, unverifiedCounts, type ReportInput, type ReportProblem } from './report-input.js';
import { redactProse } from './text-safety.js';

/** The `$schema` the log names (SchemaStore's copy of the OASIS SARIF 2.1.0 schema). */
export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/** Options of the SARIF output. */
export interface SarifOptions {
  /**
   * Folder that file paths are made relative to (and named `%SRCROOT%`), normally the repository
   * root, so code scanning finds the files. @default - paths as given to the verifier
   */
  readonly srcRoot?: string;
  /** hubspoke version for `tool.driver.version`. @default - the installed package's version */
  readonly version?: string;
}

/** A SARIF log (the subset of the format hubspoke writes). */
export interface SarifLog {
  readonly $schema: string;
  readonly version: '2.1.0';
  readonly runs: readonly SarifRun[];
}

/** One run: the tool with its rules, and the results. */
export interface SarifRun {
  readonly tool: { readonly driver: SarifDriver };
  readonly results: readonly SarifResult[];
  readonly originalUriBaseIds?: Readonly<Record<string, { readonly uri: string }>>;
}

/** The tool and its rules. */
export interface SarifDriver {
  readonly name: string;
  readonly version: string;
  readonly informationUri: string;
  readonly rules: readonly SarifRule[];
}

/** A rule: one problem code. */
export interface SarifRule {
  readonly id: string;
  readonly name: string;
  readonly shortDescription: { readonly text: string };
  readonly fullDescription: { readonly text: string };
  readonly help: { readonly text: string; readonly markdown: string };
  readonly defaultConfiguration: { readonly level: 'error' | 'warning' };
}

/** A result: one finding at one place. */
export interface SarifResult {
  readonly ruleId: string;
  readonly ruleIndex: number;
  readonly level: 'error' | 'warning';
  readonly message: { readonly text: string };
  readonly locations: readonly unknown[];
  readonly partialFingerprints: Readonly<Record<string, string>>;
  readonly properties: Readonly<Record<string, unknown>>;
}

function ruleName(code: string): string {
  return code
    .toLowerCase()
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

function helpText(hint: string): string {
  // Catalogue hints are templates (`{device}`); show the placeholders as such.
  return hint.replace(/\{(\w+)\}/g, '<$1>');
}

/** Rules of the log: every code of the catalogue, then any unknown code met in the findings. */
export function sarifRules(findings: readonly ReportProblem[]): SarifRule[] {
  const rules: SarifRule[] = PROBLEM_CODES.map((c) => ({
    id: c.code,
    name: ruleName(c.code),
    shortDescription: { text: c.description },
    fullDescription: { text: c.description },
    help: {
      text: `${c.description} Fix: ${helpText(c.hint)}`,
      markdown: `${c.description}\n\n**Fix:** ${helpText(c.hint)}`,
    },
    defaultConfiguration: { level: c.severity },
  }));
  const known = new Set(rules.map((r) => r.id));
  for (const f of findings) {
    if (known.has(f.code)) continue;
    known.add(f.code);
    rules.push({
      id: f.code,
      name: ruleName(f.code),
      shortDescription: { text: f.code },
      fullDescription: { text: f.code },
      help: { text: f.hint, markdown: f.hint },
      defaultConfiguration: { level: f.severity },
    });
  }
  return rules;
}

function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** URI of a config file for `artifactLocation`, relative to `srcRoot` when it lies inside. */
export function artifactUri(file: string, srcRoot?: string): { uri: string; uriBaseId?: string } {
  let path = file;
  if (srcRoot !== undefined) {
    const rel = relative(srcRoot, path);
    if (rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)) path = rel;
  }
  if (isAbsolute(path)) return { uri: pathToFileURL(path).href };
  const posix = path
    .split(sep)
    .join('/')
    .replace(/^(\.\/)+/, '');
  return { uri: encodePath(posix), uriBaseId: '%SRCROOT%' };
}

function fingerprint(f: ReportProblem): string {
  // Stable across runs and line moves: the same root cause on the same device keeps its identity.
  return createHash('sha256').update(`${f.code}\u0000${f.device}\u0000${f.message}`).digest('hex').slice(0, 32);
}

/** Renders the proof result as a SARIF 2.1.0 log object. */
export function sarifLog(input: ReportInput, options: SarifOptions = {}): SarifLog {
  const rules = sarifRules(input.findings);
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const brokenPairs = new Map<string, number>();
  for (const p of input.pairs) {
    if (pairStatus(p) !== 'broken') continue;
    for (const q of p.problems) {
      const key = problemKey(q);
      brokenPairs.set(key, (brokenPairs.get(key) ?? 0) + 1);
    }
  }
  const unverified = unverifiedCounts(input);
  const results: SarifResult[] = input.findings.map((f) => {
    const artifact = artifactUri(f.file, options.srcRoot);
    const physicalLocation =
      f.line > 0 ? { artifactLocation: artifact, region: { startLine: f.line } } : { artifactLocation: artifact };
    const key = problemKey(f);
    const unverifiedPairs = unverified.get(key) ?? 0;
    return {
      ruleId: f.code,
      ruleIndex: ruleIndex.get(f.code)!,
      // A line that keeps pairs unverified fails the verdict like an error does.
      level: unverifiedPairs > 0 ? 'error' : f.severity,
      message: { text: `${redactProse(f.message)} Fix: ${redactProse(f.hint)}` },
      locations: [{ physicalLocation, logicalLocations: [{ name: f.device, kind: 'resource' }] }],
      partialFingerprints: { 'hubspokeFinding/v1': fingerprint(f) },
      properties: {
        device: f.device,
        // The verifier's count covers every pair, listed or not.
        brokenPairs: f.brokenPairs ?? brokenPairs.get(key) ?? 0,
        ...(unverifiedPairs > 0 ? { unverifiedPairs } : {}),
        ...(f.origin ? { origin: f.origin } : {}),
      },
    };
  });
  const run: SarifRun = {
    tool: {
      driver: {
        name: 'hubspoke',
        version: options.version ?? hubspokeVersion(),
        informationUri: 'https://www.npmjs.com/package/hubspoke',
        rules,
      },
    },
    results,
    ...(options.srcRoot !== undefined
      ? { originalUriBaseIds: { '%SRCROOT%': { uri: `${pathToFileURL(options.srcRoot).href.replace(/\/?$/, '/')}` } } }
      : {}),
  };
  return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] };
}

/** The SARIF log as JSON text (2-space indentation, trailing newline). */
export function renderSarif(input: ReportInput, options: SarifOptions = {}): string {
  return `${JSON.stringify(sarifLog(input, options), null, 2)}\n`;
}
