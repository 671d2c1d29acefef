/**
 * The files `hubspoke init` writes: a project a team can push as it is. A hub and two branches in
 * TypeScript, run by tsx (`hubspoke.json`), keys derived from one master secret in the
 * environment, a vitest test that synthesizes in memory and checks the proof with the matchers of
 * hubspoke/testing, and a GitHub Actions workflow
 * that synthesizes, runs the emitted harness, uploads SARIF to code scanning and the HTML report as
 * an artifact. The configs hold keys: nothing here uploads, prints or commits them.
 */

/** What the templates are filled with. */
export interface ProjectOptions {
  /** npm package name of the project. */
  readonly name: string;
  /** Version range of hubspoke, e.g. `^0.1.0`. */
  readonly hubspoke: string;
  /** Version ranges of the other dependencies, by package name. */
  readonly versions: Readonly<Record<'constructs' | 'tsx' | 'typescript' | 'vitest' | '@types/node', string>>;
}

/** The stack id, so its output folder is `cdk.out/vpn`. */
export const PROJECT_STACK = 'vpn';

function packageJson(o: ProjectOptions): string {
  const pkg = {
    name: o.name,
    version: '0.1.0',
    private: true,
    type: 'module',
    scripts: {
      synth: 'hubspoke synth',
      test: 'vitest run test',
      harness: 'vitest run cdk.out',
      typecheck: 'tsc --noEmit',
    },
    dependencies: { constructs: o.versions.constructs, hubspoke: o.hubspoke },
    devDependencies: {
      '@types/node': o.versions['@types/node'],
      tsx: o.versions.tsx,
      typescript: o.versions.typescript,
      vitest: o.versions.vitest,
    },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

const TSCONFIG = `${JSON.stringify(
  {
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: ['node'],
    },
    include: ['*.ts', 'test/**/*.ts'],
  },
  null,
  2,
)}\n`;

const HUBSPOKE_JSON = `${JSON.stringify({ app: 'npx tsx main.ts', output: 'cdk.out' }, null, 2)}\n`;

const NETWORK_TS = `/**
 * The VPN: one hub and two branches. Every branch reaches every other site through the hub,
 * encrypted; \`hubspoke synth\` proves it on the configs it writes before writing them.
 *
 * Keys: one pre-shared key per hub/branch pair, derived (HKDF-SHA256) from one master secret read
 * from HUBSPOKE_MASTER_SECRET at synth. In CI it is a repository secret (openssl rand -base64 32).
 * Lab mode: with HUBSPOKE_LAB_MODE=1 and no HUBSPOKE_MASTER_SECRET, a public demo secret is used so
 * a first synth works on a laptop; anyone can derive its keys, so hubspoke refuses it outside lab
 * mode. Never deploy configs synthesized in lab mode.
 */
import { App, Hub, HubSpokeStack, MasterSecret, PreSharedKey, Spoke } from 'hubspoke';

/** The environment variable that holds the master secret. */
export const MASTER_SECRET_VARIABLE = 'HUBSPOKE_MASTER_SECRET';

/** The public demo secret of lab mode (refused by hubspoke unless HUBSPOKE_LAB_MODE=1). */
const LAB_SECRET = 'DEMO-ONLY-insecure-master-secret-do-not-deploy';

function masterSecret(env: NodeJS.ProcessEnv): MasterSecret {
  const lab = env.HUBSPOKE_LAB_MODE === '1' && !env[MASTER_SECRET_VARIABLE];
  return lab ? MasterSecret.unsafePlainText(LAB_SECRET) : MasterSecret.fromEnv(MASTER_SECRET_VARIABLE);
}

/**
 * Builds the App. \`hubspoke synth\` runs main.ts, which calls this and synthesizes; tests call it
 * with their own output folder and environment.
 */
export function buildApp(props: { outdir?: string; env?: NodeJS.ProcessEnv } = {}): App {
  const env = props.env ?? process.env;
  const app = new App({ ...props, env });
  const stack = new HubSpokeStack(app, '${PROJECT_STACK}', { platform: 'ios-xe-17' });

  const hub = new Hub(stack, 'Hub', {
    hostname: 'hq-hub',
    // IKEv2 (also IOS-XE's default, said explicitly); 'v1' only for spokes on IOS 12.2, which has no IKEv2.
    ike: 'v2',
    lan: { address: '10.0.0.1/24' },
    wan: { address: '198.51.100.2/29', gateway: '198.51.100.1' },
    preSharedKey: PreSharedKey.derivedFrom(masterSecret(env)),
    routes: [{ destination: '0.0.0.0/0' }],
  });

  new Spoke(stack, 'Branch1', {
    hub,
    hostname: 'branch-01',
    lan: { address: '10.1.0.1/24' },
    wan: { address: '203.0.113.10/29', gateway: '203.0.113.9' },
  });

  new Spoke(stack, 'Branch2', {
    hub,
    hostname: 'branch-02',
    lan: { address: '10.2.0.1/24' },
    wan: { address: '203.0.113.18/29', gateway: '203.0.113.17' },
  });

  return app;
}
`;

const MAIN_TS = `// The app hubspoke.json names: \`npx hubspoke synth\` runs it with the output folder in
// HUBSPOKE_OUTDIR, and synth validates, proves coverage and only then writes cdk.out/${PROJECT_STACK}/.
import { buildApp } from './network.js';

try {
  buildApp().synth();
} catch (e) {
  // The message lists every problem with its construct path; a stack trace would add nothing.
  console.error((e as Error).message);
  process.exitCode = 1;
}
`;

const TEST_TS = `/**
 * The VPN as the tests see it: \`Testing.synth\` synthesizes the stack in memory with a random
 * master secret, as \`hubspoke synth\` does (validation, render, parse back, proof), writing
 * nothing; the matchers of hubspoke/testing/vitest read the result and never print a key.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PreSharedKey, type Spoke } from 'hubspoke';
import { Testing } from 'hubspoke/testing';
import 'hubspoke/testing/vitest';
import { buildApp, MASTER_SECRET_VARIABLE } from '../network.js';

// A fresh secret for each run: tests never need the real one, and never print it.
const secret = randomBytes(32).toString('base64');
const env = { ...process.env, HUBSPOKE_LAB_MODE: '', [MASTER_SECRET_VARIABLE]: secret };

function synth(change?: (app: ReturnType<typeof buildApp>) => void) {
  const app = buildApp({ env });
  change?.(app);
  return Testing.synth(app.stacks[0]!, { env });
}

describe('the VPN', () => {
  const result = synth();

  it('proves every site reaches every other through the hub', () => {
    expect(result).toBeProven();
    expect(result.verification.summary.covered).toBe(6);
  });

  it('gives the hub a crypto map entry for each branch', () => {
    expect(result).toContainConfigLine('hq-hub', 'set peer 203.0.113.10');
    expect(result).toContainConfigLine('hq-hub', 'set peer 203.0.113.18');
  });

  it('uses strong crypto without warnings', () => {
    expect(result.warnings).toEqual([]);
  });

  it('never puts the master secret into a config', () => {
    for (const config of result.configs.values()) expect(config.text).not.toContain(secret);
  });

  it('would refuse a branch whose key differs from the hub key', () => {
    const broken = synth((app) => {
      const branch = app.stacks[0]!.node.findChild('Branch2') as Spoke;
      branch.hubKey.setKey(PreSharedKey.unsafePlainText(randomBytes(24).toString('base64')));
    });
    expect(broken).not.toBeProven();
    expect(broken).toHaveFinding('PSK_MISMATCH');
    expect(broken).toHaveBrokenPairs([
      ['hq-hub', 'branch-02'], ['branch-02', 'hq-hub'],
      ['branch-01', 'branch-02'], ['branch-02', 'branch-01'],
    ]);
  });
});
`;

const GITIGNORE = `node_modules/
# Synth output: the router configs hold the pre-shared keys.
cdk.out/
*.sarif
# Secrets: never commit them.
.env
.env.*
*.secrets.auto.tfvars.json
`;

const WORKFLOW = `# Synthesizes the VPN, proves it, runs the emitted harness, and publishes the proof: SARIF to code
# scanning and the HTML report as an artifact. The router configs hold the keys, so they are never
# uploaded. Set the repository secret HUBSPOKE_MASTER_SECRET (openssl rand -base64 32).
name: hubspoke

on:
  push:
    branches: [main]
  pull_request:
  workflow_dispatch:

permissions:
  contents: read

jobs:
  synth:
    runs-on: ubuntu-latest
    timeout-minutes: 20
    permissions:
      contents: read
      security-events: write
    env:
      HUBSPOKE_MASTER_SECRET: \${{ secrets.HUBSPOKE_MASTER_SECRET }}
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
      - name: Install
        run: npm ci
      - name: Test
        run: npm test
      - name: Synthesize and prove
        run: npx hubspoke synth
      - name: Run the emitted harness
        run: npm run harness
      - name: Verify the configs as written, as SARIF
        if: always()
        run: npx hubspoke verify cdk.out/${PROJECT_STACK} --topology cdk.out/${PROJECT_STACK}/topology.json --format sarif > hubspoke.sarif
      - name: Upload SARIF to code scanning
        if: always()
        uses: github/codeql-action/upload-sarif@v3
        with:
          sarif_file: hubspoke.sarif
      - name: Upload the report
        if: always()
        uses: actions/upload-artifact@v4
        with:
          name: hubspoke-report
          path: |
            cdk.out/${PROJECT_STACK}/report.html
            hubspoke.sarif
          if-no-files-found: ignore
`;

const README = (name: string) => `# ${name}

A Cisco IOS IPsec hub-and-spoke VPN as code, synthesized and proven by
[hubspoke](https://www.npmjs.com/package/hubspoke).

\`\`\`sh
npm install
npm test                                   # synthesizes into a temporary folder and checks the proof
HUBSPOKE_MASTER_SECRET=... npx hubspoke synth  # writes cdk.out/${PROJECT_STACK}/ once every site pair is proven
npm run harness                            # the emitted harness: the proof and emulated pings per pair
\`\`\`

\`network.ts\` holds the hub and the branches; \`main.ts\` synthesizes them (\`hubspoke.json\` runs it
with tsx). Every pre-shared key is derived from the master secret in \`HUBSPOKE_MASTER_SECRET\`
(\`openssl rand -base64 32\`; a repository secret in CI). To try it without one,
\`HUBSPOKE_LAB_MODE=1 npx hubspoke synth\` uses a public demo secret: never deploy those configs.
The configs in \`cdk.out/\` hold the keys: keep them out of git (\`.gitignore\` does).
\`.github/workflows/hubspoke.yml\` runs all of this in CI and publishes the proof as SARIF and the
HTML report.
`;

/** Relative path -> content of every file of a new project, in writing order. */
export function projectFiles(o: ProjectOptions): ReadonlyMap<string, string> {
  return new Map([
    ['package.json', packageJson(o)],
    ['tsconfig.json', TSCONFIG],
    ['hubspoke.json', HUBSPOKE_JSON],
    ['network.ts', NETWORK_TS],
    ['main.ts', MAIN_TS],
    ['test/network.test.ts', TEST_TS],
    ['.gitignore', GITIGNORE],
    ['.github/workflows/hubspoke.yml', WORKFLOW],
    ['README.md', README(o.name)],
  ]);
}
