import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { compileAcl } from '../../lib/rules/acl.js';
import { compileCryptoMap, cryptoMapOf } from '../../lib/rules/crypto-map.js';
import { negotiationCode, negotiationFinding } from '../../lib/verify/findings/negotiation-findings.js';
import { PROBLEM_CODES } from '../../lib/verify/findings/problem-codes.js';
import { buildNetworkModel, type NetworkModel } from '../../lib/verify/model/network-model.js';
import { Negotiator, type NegotiationRequest } from '../../lib/verify/prove/negotiation.js';
import { edit, parseLab, replaceLine, seedLab, type Lab } from './labs.js';

const VERIFY = join(import.meta.dirname, '..', '..', 'lib', 'verify');
const CODES = new Set<string>(PROBLEM_CODES.map((c) => c.code));

/** `file:line: text` of every node under the folders of lib/verify that `bad` flags. */
function scan(folders: readonly string[], bad: (node: ts.Node) => boolean): string[] {
  const out: string[] = [];
  for (const folder of folders) {
    for (const name of readdirSync(join(VERIFY, folder))) {
      const file = join(VERIFY, folder, name);
      const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node): void => {
        if (bad(node))
          out.push(
            `${relative(VERIFY, file)}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}: ${node.getText(sf).slice(0, 60)}`,
          );
        ts.forEachChild(node, visit);
      };
      visit(sf);
    }
  }
  return out;
}

/** A property that builds a finding: a problem code, worded text, hint values or a dedupe key. */
function buildsFinding(node: ts.Node): boolean {
  if (!ts.isPropertyAssignment(node) || !ts.isIdentifier(node.name)) return false;
  const name = node.name.text;
  const value = node.initializer;
  const text = ts.isStringLiteral(value) || ts.isTemplateExpression(value) || ts.isNoSubstitutionTemplateLiteral(value);
  if (name === 'code') return ts.isStringLiteral(value) && CODES.has(value.text);
  if (name === 'message') return text;
  return name === 'hintValues' || name === 'dedupe';
}

describe('GIVEN the findings catalogue', () => {
  it("WHEN the analysis folders of verify/ are scanned THEN none builds a finding itself (codes, words, hints, dedupe keys are the catalogue's)", () => {
    expect(scan(['prove', 'model'], buildsFinding)).toEqual([]);
  });

  it('WHEN the catalogue folder is scanned THEN it does build findings (the scan sees them)', () => {
    expect(scan(['findings'], buildsFinding).length).toBeGreaterThan(20);
  });
});

/** The request of Spoke1's first crypto ACL line towards the hub. */
function spokeToHub(model: NetworkModel): NegotiationRequest {
  const spoke = model.byHostname.get('Spoke1')!;
  const hub = model.byHostname.get('Hub')!;
  const map = cryptoMapOf(spoke.config, 'Ethernet1')!;
  const entry = compileCryptoMap(spoke.config, map).entries[0]!;
  return {
    initiator: spoke,
    entry,
    line: compileAcl(entry.acl!).lines[0]!,
    initiatorAddress: '10.1.2.1',
    peerAddress: '10.1.4.1',
    responder: hub,
    responderMap: cryptoMapOf(hub.config, 'Ethernet1')!,
  };
}

function negotiate(lab: Lab) {
  const model = buildNetworkModel(parseLab(lab));
  return new Negotiator({}).negotiate(spokeToHub(model));
}

describe('GIVEN a negotiation that fails', () => {
  const LAB = seedLab('three-spokes');

  it("WHEN the spoke offers PFS the hub does not require THEN the outcome is data: the rule's reason, pinned on the spoke's entry, direction-dependent", () => {
    const outcome = negotiate(
      edit(LAB, 'spoke1.cfg', (t) => replaceLine(t, ' match address 110', [' match address 110', ' set pfs group2'])),
    );
    expect(outcome.ok).toBe(true);
    const refused = negotiate(
      edit(LAB, 'hub.cfg', (t) => replaceLine(t, ' match address 110', [' match address 110', ' set pfs group2'])),
    );
    expect(refused.ok).toBe(false);
    expect(refused.directionDependent).toBe(true);
    const [cause] = refused.causes;
    expect(cause).toMatchObject({ step: 'phase2', reason: 'pfs-mismatch', pfs: { required: 2 } });
    // Blame: the spoke is the odd one out against the shared hub.
    expect(cause!.pin.device.hostname).toBe('Spoke1');
    expect(negotiationCode(cause!)).toBe('PFS_MISMATCH');
    const finding = negotiationFinding(cause!);
    expect(finding).toMatchObject({
      code: 'PFS_MISMATCH',
      device: 'Spoke1',
      file: 'spoke1.cfg',
      line: cause!.pin.line,
    });
    expect(finding.message).toContain('offers no PFS');
    // Worded once per cause: the same object every time it is reported.
    expect(negotiationFinding(cause!)).toBe(finding);
  });

  it('WHEN the keys differ THEN the cause names the two key lines and its finding never the key', () => {
    const outcome = negotiate(
      edit(LAB, 'spoke1.cfg', (t) =>
        t.replace('crypto isakmp key cisco123 address 10.1.4.1', 'crypto isakmp key other-secret-99 address 10.1.4.1'),
      ),
    );
    const cause = outcome.causes.find((c) => c.step === 'auth')!;
    expect(cause).toMatchObject({ step: 'auth', auth: { kind: 'key-mismatch' } });
    expect(
      cause.step === 'auth' && cause.auth.kind === 'key-mismatch' && cause.auth.initiatorKey.loc?.line,
    ).toBeGreaterThan(0);
    const finding = negotiationFinding(cause);
    expect(finding.code).toBe('PSK_MISMATCH');
    expect(JSON.stringify(finding)).not.toMatch(/other-secret-99|cisco123/);
  });
});
