/**
 * Prints the generated stack: a module exporting `build<StackId>(outdir?, env?)` that returns the
 * App (what `hubspoke synth <file>` calls), with the hub and spokes as patterns, each router's
 * escape hatches under a comment that says why, and no key or other secret in the text.
 */
import { basename } from 'node:path';
import { appendAll } from '../ir/collections.js';
import type { Value } from './code-format.js';
import { callStatement, code, comment, constStatement, expanded, PRINT_WIDTH } from './code-format.js';
import { hubProps, spokeProps } from './build.js';
import type { ImportPlan } from './plan.js';
import type { HubSpec } from './spec.js';
import { identifier } from './names.js';

/** Options of {@link emitStack}. */
export interface EmitOptions {
  /** Module the constructs are imported from. @default 'hubspoke' */
  readonly importFrom?: string;
}

const CONSTRUCTS = [
  'AccessList',
  'App',
  'CryptoMap',
  'Hub',
  'HubSpokeStack',
  'Interface',
  'IsakmpKey',
  'IsakmpPolicy',
  'MasterSecret',
  'PreSharedKey',
  'Router',
  'Spoke',
  'StaticRoute',
  'TransformSet',
];

/** The name of the exported build function for a stack id (`seed-lab` -> `buildSeedLab`). */
export function buildFunctionName(stackId: string): string {
  const id = identifier(stackId);
  return `build${id === '' ? 'Stack' : id[0]!.toUpperCase() + id.slice(1)}`;
}

function keyExpression(plan: ImportPlan, variable: string | undefined): Value | undefined {
  const spec = plan.spec;
  if (spec.keyMode === 'rekey') return undefined;
  return variable === undefined ? undefined : code(`PreSharedKey.fromEnv('${variable}')`);
}

function hubCode(plan: ImportPlan, h: HubSpec): string[] {
  const spec = plan.spec;
  const hubKey =
    spec.keyMode === 'rekey'
      ? code(`PreSharedKey.derivedFrom(MasterSecret.fromEnv('${spec.masterSecretVariable}'))`)
      : keyExpression(plan, h.keyVariable)!;
  const props = hubProps(spec, h);
  const dynamicKey = keyExpression(plan, h.dynamicKeyVariable);
  const dynamicSpokes =
    props.dynamicSpokes !== undefined && dynamicKey !== undefined
      ? { dynamicSpokes: { ...(props.dynamicSpokes as Record<string, Value>), preSharedKey: dynamicKey } }
      : {};
  return [
    ...comment(`${basename(h.file)}: the hub.`),
    constStatement('hub', 'new Hub', [
      code('stack'),
      h.id,
      expanded({ ...(props as unknown as Record<string, Value>), ...dynamicSpokes, preSharedKey: hubKey }),
    ]),
  ];
}

function sitesCode(plan: ImportPlan, referenced: (v: string) => boolean): string[] {
  const spec = plan.spec;
  const out = spec.hub ? hubCode(plan, spec.hub) : [];
  for (const s of spec.spokes) {
    const key = keyExpression(plan, s.keyVariable);
    const props = expanded({
      hub: code('hub'),
      ...(spokeProps(spec, s) as unknown as Record<string, Value>),
      preSharedKey: key,
    });
    const args = [code('stack'), s.id, props];
    const served = s.vtiTunnels
      ? `its ${s.vtiTunnels.spoke} and the hub's ${s.vtiTunnels.hub}`
      : s.sequence !== undefined
        ? `hub entry ${s.sequence}, ACL ${s.aclName} on both ends`
        : `a leased WAN address, served by the hub's dynamic map; its ACL ${s.aclName}`;
    appendAll(out, comment(`${basename(s.file)}: ${served}.`));
    out.push(referenced(s.variable) ? constStatement(s.variable, 'new Spoke', args) : callStatement('new Spoke', args));
  }
  const why = spec.hub ? 'neither the hub nor a spoke' : 'the patterns do not fit (see above)';
  for (const o of spec.others) {
    appendAll(out, comment(`${basename(o.file)}: ${why}; written with L1 constructs.`));
    out.push(
      constStatement(o.variable, 'new Router', [
        code('stack'),
        o.id,
        { hostname: o.hostname, platform: o.platform !== spec.platform ? o.platform : undefined },
      ]),
    );
  }
  return out;
}

function fixesCode(plan: ImportPlan): string[] {
  const out: string[] = [];
  for (const r of plan.routers) {
    if (r.fixes.length === 0) continue;
    out.push('');
    const what = plan.spec.hub ? 'what the configs hold beyond what the patterns derive' : 'its configuration';
    appendAll(out, comment(`${r.hostname}: ${what}.`));
    for (const f of r.fixes) appendAll(appendAll(out, f.comment !== undefined ? comment(f.comment) : []), f.lines);
  }
  return out;
}

function networkLine(plan: ImportPlan, files: readonly string[]): string[] {
  const spec = plan.spec;
  const from = `Imported by \`hubspoke import\` from ${files.join(', ')}`;
  if (spec.hub) return [`${from}: ${spec.spokes.length} spoke(s) through the hub ${spec.hub.hostname}.`];
  return [
    `${from}. The Hub and Spoke patterns do not fit these configs, so every router is written with L1 constructs:`,
    ...(spec.unfitted ?? []).map((r) => `- ${r}`),
  ];
}

function keyLines(plan: ImportPlan): string[] {
  const spec = plan.spec;
  const lineSecrets = plan.state.secrets.filter((s) => s.kind === 'line');
  const keySecrets = plan.state.secrets.filter((s) => s.kind === 'key');
  const out: string[] = [];
  if (spec.keyMode === 'rekey' && spec.hub)
    out.push(
      `Every pair's pre-shared key is derived from the master secret in ${spec.masterSecretVariable} (re-keyed: deploying changes every key).`,
    );
  if (spec.keys.length > 0)
    out.push(`Pre-shared keys are read from the environment: ${spec.keys.map((k) => k.variable).join(', ')}.`);
  if (keySecrets.length > 0)
    out.push(`${out.length > 0 ? 'Other keys' : 'Keys'}: ${keySecrets.map((s) => s.variable).join(', ')}.`);
  if (lineSecrets.length > 0)
    out.push(`Lines that hold other secrets are read from: ${lineSecrets.map((s) => s.variable).join(', ')}.`);
  return out;
}

function headerComment(plan: ImportPlan, fn: string): string[] {
  const spec = plan.spec;
  const files = [
    ...(spec.hub ? [spec.hub.file] : []),
    ...spec.spokes.map((s) => s.file),
    ...spec.others.map((o) => o.file),
  ].map((f) => basename(f));
  const lines = [
    ...networkLine(plan, files),
    ...keyLines(plan),
    `Synthesize: \`hubspoke synth <this file>\` (calls ${fn}, proves coverage, then writes the configs).`,
  ];
  return ['/**', ...lines.flatMap((l) => comment(l, 0).map((c) => ` *${c.slice(2)}`)), ' */'];
}

const SECRET_LINE = [
  '',
  '/** A configuration line that holds a secret (a password, a community), read from the environment. */',
  'function secretLine(env: NodeJS.ProcessEnv, variable: string): string {',
  '  const line = env[variable];',
  "  if (line === undefined || line === '') throw new Error(`${variable} is not set: it holds a configuration line`);",
  '  return line;',
  '}',
];

function importLine(names: readonly string[], from: string): string {
  const line = `import { ${names.join(', ')} } from '${from}';`;
  return line.length <= PRINT_WIDTH ? line : `import {\n${names.map((n) => `  ${n},`).join('\n')}\n} from '${from}';`;
}

/** The generated module's text (see the module comment). */
export function emitStack(plan: ImportPlan, options: EmitOptions = {}): string {
  const spec = plan.spec;
  const fn = buildFunctionName(spec.stackId);
  const fixes = fixesCode(plan);
  const fixText = fixes.join('\n');
  const referenced = (v: string) => new RegExp(`\\b${v}\\b`).test(fixText);
  const body = [
    `  const app = new App({ ...(outdir !== undefined ? { outdir } : {}), env });`,
    callStatement('const stack = new HubSpokeStack', [
      code('app'),
      spec.stackId,
      { platform: spec.platform, allowLegacyCrypto: spec.allowLegacyCrypto ? true : undefined },
    ]),
    '',
    ...sitesCode(plan, referenced),
    ...fixes,
    '',
    '  return app;',
  ];
  const all = body.join('\n');
  // Used as a constructor, a namespace (`PreSharedKey.fromEnv`) or a type (`: App`); not in a string.
  const used = CONSTRUCTS.filter((c) => new RegExp(`new ${c}\\(|\\b${c}\\.|: ${c}\\b`).test(all));
  const text = [
    ...headerComment(plan, fn),
    importLine(used, options.importFrom ?? 'hubspoke'),
    '',
    `/** Builds the imported network's App (stack \`${spec.stackId}\`) without synthesizing it. */`,
    `export function ${fn}(outdir?: string, env: NodeJS.ProcessEnv = process.env): App {`,
    ...body,
    '}',
    ...(all.includes('secretLine(') ? SECRET_LINE : []),
    '',
  ];
  return text.join('\n');
}
