// Pins the cdktf / cdktn behaviour that hubspoke/cdktf relies on, on both packages: the order
// aspects -> node validations -> custom synthesis -> cdk.tf.json, that a throw in custom synthesis
// leaves no cdk.tf.json, and that skipValidation skips validations but not custom synthesis.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as cdktf from 'cdktf';
import * as cdktn from 'cdktn';
import { Construct, type IConstruct } from 'constructs';
import { afterEach, describe, expect, it } from 'vitest';

const CUSTOM_SYNTHESIS = Symbol.for('cdktf/customSynthesis');
// cdktn declares the same classes as cdktf; typed as cdktf so one test body serves both.
const modules: readonly (readonly [string, typeof cdktf])[] = [
  ['cdktf', cdktf],
  ['cdktn', cdktn as unknown as typeof cdktf],
];

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function outdir(): string {
  const d = mkdtempSync(join(tmpdir(), 'hubspoke-cdktf-'));
  dirs.push(d);
  return d;
}

class Probe extends Construct {
  readonly events: string[] = [];
  constructor(
    scope: Construct,
    id: string,
    opts: { failValidation?: boolean; failSynthesis?: boolean; aspects: typeof cdktf.Aspects },
  ) {
    super(scope, id);
    const events = this.events;
    opts.aspects.of(this).add({
      visit(node: IConstruct) {
        if (node.node.path.endsWith('/probe')) events.push('aspect');
      },
    });
    this.node.addValidation({
      validate() {
        events.push('validate');
        return opts.failValidation ? ['probe is broken'] : [];
      },
    });
    Object.defineProperty(this, CUSTOM_SYNTHESIS, {
      value: {
        onSynthesize(session: {
          outdir: string;
          manifest: { forStack(s: IConstruct): { synthesizedStackPath: string } };
        }) {
          const stack = scope;
          const file = join(session.outdir, session.manifest.forStack(stack).synthesizedStackPath);
          events.push(existsSync(file) ? 'custom-after-json' : 'custom-before-json');
          if (opts.failSynthesis) throw new Error('custom synthesis failed');
        },
      },
      enumerable: false,
    });
  }
}

describe.each(modules)('%s synthesis order', (_name, mod) => {
  it('GIVEN a construct with an aspect, a validation and custom synthesis WHEN app.synth() runs THEN they run in that order, before cdk.tf.json is written', () => {
    const app = new mod.App({ outdir: outdir() });
    const stack = new mod.TerraformStack(app, 'lab');
    const probe = new Probe(stack, 'probe', { aspects: mod.Aspects });
    app.synth();
    expect(probe.events).toEqual(['aspect', 'validate', 'custom-before-json']);
    expect(existsSync(join(app.outdir, 'stacks', 'lab', 'cdk.tf.json'))).toBe(true);
  });

  it('GIVEN a failing node validation WHEN app.synth() runs THEN it throws with the message and writes no cdk.tf.json', () => {
    const app = new mod.App({ outdir: outdir() });
    const stack = new mod.TerraformStack(app, 'lab');
    new Probe(stack, 'probe', { failValidation: true, aspects: mod.Aspects });
    expect(() => app.synth()).toThrow(/probe is broken/);
    expect(existsSync(join(app.outdir, 'stacks', 'lab', 'cdk.tf.json'))).toBe(false);
  });

  it('GIVEN skipValidation WHEN app.synth() runs THEN validations are skipped but custom synthesis still runs, and its throw prevents cdk.tf.json', () => {
    const app = new mod.App({ outdir: outdir(), skipValidation: true });
    const stack = new mod.TerraformStack(app, 'lab');
    const probe = new Probe(stack, 'probe', { failValidation: true, failSynthesis: true, aspects: mod.Aspects });
    expect(() => app.synth()).toThrow(/custom synthesis failed/);
    expect(probe.events).toEqual(['aspect', 'custom-before-json']);
    expect(existsSync(join(app.outdir, 'stacks', 'lab', 'cdk.tf.json'))).toBe(false);
  });

  it('GIVEN Testing.synth WHEN it runs THEN aspects run but custom synthesis does not (so resources must render without it)', () => {
    const app = mod.Testing.app();
    const stack = new mod.TerraformStack(app, 'lab');
    const probe = new Probe(stack, 'probe', { aspects: mod.Aspects });
    mod.Testing.synth(stack);
    expect(probe.events).toEqual(['aspect']);
  });
});
