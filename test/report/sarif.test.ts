import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROBLEM_CODES } from '../../lib/verify/findings/problem-codes.js';
import { artifactUri, renderSarif, sarifLog } from '../../lib/report/sarif.js';
import { brokenLab, provenLab } from './sample-results.js';

// The published SARIF 2.1.0 JSON schema (draft-04), as shipped by Microsoft's @microsoft/jest-sarif.
const require = createRequire(import.meta.url);
const schema = JSON.parse(
  readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
) as object;
// Both packages are CommonJS; require gives their constructor/plugin directly.
interface SchemaValidator {
  compile(schema: object): ((data: unknown) => boolean) & { errors?: unknown };
}
const Ajv = require('ajv-draft-04') as new (options: object) => SchemaValidator;
const addFormats = require('ajv-formats') as (ajv: SchemaValidator) => SchemaValidator;
// The schema's language-tag pattern is not valid in unicode mode (a known quirk of rtm.5).
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

function expectValid(text: string): void {
  const ok = validate(JSON.parse(text));
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
}

describe('renderSarif', () => {
  it('writes a schema-valid SARIF 2.1.0 log for a broken lab', () => {
    expectValid(renderSarif(brokenLab()));
  });

  it('writes a schema-valid log for a proven lab and for one with a finding on line 0 and a source root', () => {
    expectValid(renderSarif(provenLab()));
    const base = brokenLab();
    const noLine = { ...base.findings[0]!, line: 0 };
    expectValid(renderSarif({ ...base, findings: [noLine] }, { srcRoot: '/work/repo' }));
  });

  it('the schema check rejects a broken log (so the validity tests can fail)', () => {
    const log = JSON.parse(renderSarif(brokenLab())) as { runs: { results: { level: string }[] }[] };
    log.runs[0]!.results[0]!.level = 'fatal';
    expect(validate(log)).toBe(false);
  });

  it('locates each finding at its config file and line, with the fix hint in the message', () => {
    const log = sarifLog(brokenLab());
    const results = log.runs[0]!.results;
    expect(results).toHaveLength(2);
    expect(results[0]).toMatchObject({
      ruleId: 'NOT_PROTECTED',
      level: 'error',
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'three-spokes/hub.cfg', uriBaseId: '%SRCROOT%' },
            region: { startLine: 49 },
          },
        },
      ],
      properties: { device: 'Hub', brokenPairs: 1 },
    });
    expect(results[0]!.message.text).toContain('Fix: Add a permit line');
    expect(results[1]).toMatchObject({ ruleId: 'WEAK_CRYPTO', level: 'warning' });
  });

  it('declares every problem code of the catalogue as a rule with its help text, and indexes results into them', () => {
    const driver = sarifLog(brokenLab()).runs[0]!.tool.driver;
    expect(driver.rules.map((r) => r.id)).toEqual(PROBLEM_CODES.map((c) => c.code));
    const rule = driver.rules.find((r) => r.id === 'PSK_MISMATCH')!;
    expect(rule.help.text).toContain('Set the same key on both lines');
    expect(rule.defaultConfiguration.level).toBe('error');
    for (const r of sarifLog(brokenLab()).runs[0]!.results) expect(driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
  });

  it('makes paths relative to the source root, posix-style and URI-encoded', () => {
    expect(artifactUri('/work/repo/configs/hub 1.cfg', '/work/repo')).toEqual({
      uri: 'configs/hub%201.cfg',
      uriBaseId: '%SRCROOT%',
    });
    expect(artifactUri('./configs/hub.cfg')).toEqual({ uri: 'configs/hub.cfg', uriBaseId: '%SRCROOT%' });
    expect(artifactUri('/elsewhere/hub.cfg', '/work/repo')).toEqual({ uri: 'file:///elsewhere/hub.cfg' });
  });

  it('is deterministic', () => {
    expect(renderSarif(brokenLab())).toBe(renderSarif(brokenLab()));
  });
});
