import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../lib/app/app.js';
import { HubSpokeStack } from '../../lib/app/stack.js';
import { synthesizeStack } from '../../lib/app/synth.js';
import { Annotations } from '../../lib/constructs/annotations.js';
import { addVpn, caught, FAKE_PSK } from './small-vpn.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  vi.unstubAllEnvs();
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'hubspoke-annotations-'));
  dirs.push(d);
  return d;
}

/** The App of one stack `lab` holding `addVpn`'s VPN; what it prints is collected in `log`. */
function lab(outdir: string, props: { strict?: boolean } = {}) {
  const log: string[] = [];
  const app = new App({ outdir, logWarning: (l) => log.push(l), ...props });
  const stack = new HubSpokeStack(app, 'lab');
  addVpn(stack);
  return { app, stack, log };
}

function folder(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((f) => [f, readFileSync(join(dir, f), 'utf8')]),
  );
}

describe('App.synth and annotations', () => {
  it('GIVEN an error annotation WHEN synthesized over an earlier good output THEN synth fails naming the construct, and the earlier output stays as it was', () => {
    const out = tempDir();
    lab(out).app.synth();
    const before = folder(join(out, 'lab'));
    const { app, stack } = lab(out);
    Annotations.of(stack.node.findChild('Spoke2')).addError('site closed; remove this spoke');
    const e = caught(() => app.synth());
    expect(e.messages).toEqual(['lab/Spoke2: site closed; remove this spoke']);
    expect(folder(join(out, 'lab'))).toEqual(before);
  });

  it('GIVEN an info annotation WHEN synthesized THEN it is printed and returned with its path, and counts as no warning', () => {
    const { app, stack, log } = lab(tempDir());
    Annotations.of(stack).addInfo('owned by the network team');
    const result = app.synth();
    expect(result.infos).toEqual([{ path: 'lab', message: 'owned by the network team' }]);
    expect(log).toContain('[hubspoke] info: owned by the network team (lab)');
    expect(result.warnings.every((w) => w.id === 'REUSED_PSK')).toBe(true);
  });

  it('GIVEN warnings and strict on the App WHEN synthesized THEN synth fails listing every warning with its id and place, and writes nothing', () => {
    const out = tempDir();
    const e = caught(() => lab(out, { strict: true }).app.synth());
    expect(e.message).toMatch(/^Synthesis failed under strict mode/);
    expect(e.messages).toContain(
      'lab/Hub/Router/Ikev2Keyring/Peer-Spoke1: the same unsafe plain-text pre-shared key is used by 2 peer pairs; one leaked device exposes them all (use PreSharedKey.derivedFrom) [REUSED_PSK]',
    );
    expect(
      e.messages.some((m) => /^lab\/Hub\/Router\/Ikev2Keyring\/Peer-Spoke1 at Hub\.cfg:\d+: REUSED_PSK: /.test(m)),
    ).toBe(true);
    expect(e.message).not.toContain(FAKE_PSK);
    expect(existsSync(join(out, 'lab'))).toBe(false);
  });

  it('GIVEN strict from synth options or from HUBSPOKE_STRICT=1 (hubspoke synth --strict) WHEN synthesized THEN it fails; synth({ strict: false }) overrides both', () => {
    expect(() => lab(tempDir()).app.synth({ strict: true })).toThrow(/strict mode/);
    vi.stubEnv('HUBSPOKE_STRICT', '1');
    expect(() => lab(tempDir()).app.synth()).toThrow(/strict mode/);
    expect(lab(tempDir(), { strict: true }).app.synth({ strict: false }).warnings.length).toBeGreaterThan(0);
  });

  it("GIVEN the warnings' id acknowledged on the stack WHEN synthesized strictly THEN the constructs' and the proof's warnings are both silenced and synth writes", () => {
    const out = tempDir();
    const { app, stack, log } = lab(out, { strict: true });
    Annotations.of(stack).acknowledgeWarning('REUSED_PSK', 'lab network, one key on purpose');
    const result = app.synth();
    expect(result.warnings).toEqual([]);
    expect(log).toEqual([]);
    expect(existsSync(join(out, 'lab', 'Hub.cfg'))).toBe(true);
  });

  it('GIVEN the id acknowledged on one spoke only WHEN synthesized THEN only the warnings of the hub and the other spoke remain', () => {
    const { app, stack } = lab(tempDir());
    Annotations.of(stack.node.findChild('Spoke1')).acknowledgeWarning('REUSED_PSK');
    const paths = [...new Set(app.synth().warnings.map((w) => w.path.split('/')[1]))];
    expect(paths.sort()).toEqual(['Hub', 'Spoke2']);
  });

  it('GIVEN synthesizeStack (cdktf, testing) WHEN an error annotation is present THEN it fails like the App, and the proof warnings carry their code as id', () => {
    const { stack } = lab(tempDir());
    expect(
      synthesizeStack(stack)
        .warnings.filter((w) => w.code !== undefined)
        .every((w) => w.id === w.code),
    ).toBe(true);
    Annotations.of(stack).addError('not today');
    expect(() => synthesizeStack(stack)).toThrow(/lab: not today/);
  });
});
