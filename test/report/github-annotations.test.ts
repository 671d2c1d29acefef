import { describe, expect, it } from 'vitest';
import {
  escapeCommandData,
  escapeCommandProperty,
  renderGithubAnnotations,
} from '../../lib/report/github-annotations.js';
import { brokenLab, provenLab } from './sample-results.js';

describe('renderGithubAnnotations', () => {
  it('annotates each finding at its config line and ends with the verdict', () => {
    const lines = renderGithubAnnotations(brokenLab()).trimEnd().split('\n');
    expect(lines).toEqual([
      '::error file=three-spokes/hub.cfg,line=49,title=NOT_PROTECTED (Hub)::Traffic 172.16.1.0/24 -> 172.16.2.0/24 leaves Ethernet1 in clear text:' +
        ' no entry of crypto map mymap permits it (ACL 130 has no line for it).%0AFix: Add a permit line for 172.16.1.0/24 -> 172.16.2.0/24 to the crypto ACL of the entry for the right peer on Hub.',
      '::warning file=three-spokes/hub.cfg,line=10,title=WEAK_CRYPTO (Hub)::crypto isakmp policy 10 uses DES, MD5 and DH group 1.%0AFix: Use AES-256 (or esp-gcm 256), SHA-256 or better, and DH group 14, 19 or 20.',
      '::error title=hubspoke verify::hubspoke: 11/12 ordered site pairs covered, 1 broken, 0 unverified: NOT PROVEN',
    ]);
  });

  it('ends with a notice when proven', () => {
    const out = renderGithubAnnotations(provenLab());
    expect(out.trimEnd().split('\n').at(-1)).toBe(
      '::notice title=hubspoke verify::hubspoke: 12/12 ordered site pairs covered, 0 broken, 0 unverified: PROVEN',
    );
  });

  it('escapes per the workflow-command rules: %, CR, LF in data; also colon and comma in properties', () => {
    expect(escapeCommandData('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext: a, b');
    expect(escapeCommandProperty('dir,a/b:c%\n')).toBe('dir%2Ca/b%3Ac%25%0A');
  });

  it('leaves the line out when a finding has no line, and escapes odd file names', () => {
    const base = brokenLab();
    const f = { ...base.findings[0]!, file: 'lab, v2/hub:1.cfg', line: 0, message: 'two\nlines' };
    const out = renderGithubAnnotations({ ...base, findings: [f] });
    expect(out.split('\n')[0]).toBe(
      '::error file=lab%2C v2/hub%3A1.cfg,title=NOT_PROTECTED (Hub)::two%0Alines%0AFix: ' + f.hint,
    );
  });
});
