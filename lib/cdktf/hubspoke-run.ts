/**
 * One run of the hubspoke pipeline over the routers below a scope, as the cdktf integration needs
 * it: the problems (empty when the VPN is valid and proven), each router's configuration rendered
 * with key fingerprints in place of keys, the real keys by fingerprint (for the secrets channel
 * only), and a writer for the `hubspoke/` artifacts.
 */
import type { IConstruct } from 'constructs';
import { Router } from '../constructs/router.js';
import type { RouterConfig } from '../ir/router-config.js';
import { renderConfig } from '../render/index.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { keyFingerprint } from './key-fingerprint.js';

/** One router of a run. */
export interface RunRouter {
  readonly hostname: string;
  readonly role: 'hub' | 'spoke' | 'other';
  /** For a spoke: its hub's hostname. */
  readonly hub?: string;
  /** The rendered configuration, every key replaced by its fingerprint. */
  readonly text: string;
}

/** The outcome of one run. */
export interface HubspokeRun {
  /** Problems, each naming its construct path or file:line; never containing a key. */
  readonly problems: readonly string[];
  /** Routers in hostname order (empty when problems prevented rendering). */
  readonly routers: readonly RunRouter[];
  /** Fingerprint -> the key's value and the routers holding it. Never print the values. */
  readonly keys: ReadonlyMap<string, { readonly value: string; readonly hostnames: readonly string[] }>;
  /** Writes the fingerprinted artifacts (configs, topology.json, harness) into `dir`. */
  writeArtifacts(dir: string): void;
}

/** What a run needs. */
export interface HubspokeRunOptions {
  /** Stack id used as the HKDF salt of derived keys. */
  readonly stackId: string;
  /** Environment holding key and master-secret variables. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

/** Replaces every key of a config by its fingerprint, collecting the key uses. */
function fingerprintKeys(ir: RouterConfig, keys: Map<string, { value: string; hostnames: string[] }>): RouterConfig {
  return {
    ...ir,
    isakmpKeys: ir.isakmpKeys.map((k) => {
      // Encrypted (type 6/7) keys are not secrets we hold in clear; leave them as written.
      if (k.encryption !== 0) return k;
      const fp = keyFingerprint(k.key);
      const use = keys.get(fp) ?? { value: k.key, hostnames: [] };
      if (!use.hostnames.includes(ir.hostname)) use.hostnames.push(ir.hostname);
      keys.set(fp, use);
      return { ...k, key: fp };
    }),
  };
}

/** Runs the pipeline over every Router below `scope`. Never throws for a user error. */
export function runHubspoke(scope: IConstruct, options: HubspokeRunOptions): HubspokeRun {
  const problems: string[] = [];
  const routers: RunRouter[] = [];
  const keys = new Map<string, { value: string; hostnames: string[] }>();
  const found = scope.node.findAll().filter((c): c is Router => Router.isRouter(c));
  found.sort((a, b) => (a.hostname < b.hostname ? -1 : a.hostname > b.hostname ? 1 : 0));
  for (const router of found) {
    try {
      const ir = router.toIr({ stackId: options.stackId, keyPresentation: 'cleartext', ...(options.env ? { env: options.env } : {}) });
      const text = renderConfig(fingerprintKeys(ir, keys)).text;
      routers.push({ hostname: router.hostname, role: router.role, ...(router.hubHostname ? { hub: router.hubHostname } : {}), text });
    } catch (e) {
      problems.push(e instanceof Error ? e.message : String(e));
    }
  }
  if (found.length === 0) problems.push(`${scope.node.path}: no Router below this construct; nothing to deploy`);
  return {
    problems,
    routers: problems.length === 0 ? routers : [],
    keys,
    writeArtifacts(dir: string): void {
      mkdirSync(dir, { recursive: true });
      for (const r of routers) writeFileSync(join(dir, `${r.hostname}.cfg`), r.text);
    },
  };
}
