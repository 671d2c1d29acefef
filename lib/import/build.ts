/**
 * Instantiates the pattern part of a spec in this process (the same constructs the generated code
 * calls), to see what the patterns derive: the fixups are what the configs hold beyond that.
 */
import { App } from '../app/app.js';
import { HubSpokeStack } from '../app/stack.js';
import { MasterSecret } from '../constructs/master-secret.js';
import { PreSharedKey } from '../constructs/pre-shared-key.js';
import { Router } from '../constructs/router.js';
import type { RouterConfig } from '../ir/router-config.js';
import { parseConfig } from '../parse/index.js';
import { Hub, type HubProps } from '../patterns/hub.js';
import { Spoke, type SpokeProps } from '../patterns/spoke.js';
import { renderConfig } from '../render/index.js';
import type { HubSpec, ImportSpec, SpokeSpec } from './spec.js';

/** The environment the pattern stack and the round trip read keys from (never printed). */
export function keyEnvironment(spec: ImportSpec, masterSecret: string): Record<string, string> {
  if (spec.keyMode === 'rekey') return { [spec.masterSecretVariable]: masterSecret };
  return Object.fromEntries(spec.keys.map((k) => [k.variable, k.value]));
}

function keyOf(spec: ImportSpec, variable: string | undefined): PreSharedKey | undefined {
  if (spec.keyMode === 'rekey') return undefined;
  return variable === undefined ? undefined : PreSharedKey.fromEnv(variable);
}

/** The Hub props of the spec (`emit.ts` prints the same object). */
export function hubProps(spec: ImportSpec, h: HubSpec): Omit<HubProps, 'preSharedKey'> {
  return {
    hostname: h.hostname,
    ...(h.platform !== spec.platform ? { platform: h.platform } : {}),
    lan: h.lan.length === 1 ? h.lan[0]! : h.lan,
    wan: h.wan,
    ...(Object.keys(h.crypto).length > 0 ? { crypto: h.crypto } : {}),
    ...(h.routes.length > 0 ? { routes: h.routes } : {}),
    // The Hub's default: process switching on IOS 12.2 only.
    ...(h.processSwitching !== (h.platform === 'ios-12.2') ? { processSwitching: h.processSwitching } : {}),
    ...(h.deadPeerDetection !== undefined ? { deadPeerDetection: h.deadPeerDetection } : {}),
    ...(h.keying !== undefined ? { keying: h.keying } : {}),
    ike: h.ike,
    ...(h.ikeSource !== undefined ? { ikeSource: h.ikeSource } : {}),
    ...(h.vti !== undefined ? { design: 'vti' as const, vti: h.vti } : {}),
    ...(h.dynamicSpokes !== undefined ? { dynamicSpokes: h.dynamicSpokes } : {}),
  };
}

/** The Spoke props of the spec, without `hub` and the key (`emit.ts` prints the same object). */
export function spokeProps(spec: ImportSpec, s: SpokeSpec): Omit<SpokeProps, 'hub' | 'preSharedKey'> {
  return {
    hostname: s.hostname,
    ...(s.platform !== spec.platform ? { platform: s.platform } : {}),
    lan: s.lan.length === 1 ? s.lan[0]! : s.lan,
    wan: s.wan,
    ...(s.sequence !== undefined ? { sequence: s.sequence } : {}),
    ...(s.localSequence !== 10 ? { localSequence: s.localSequence } : {}),
    // A dynamic spoke's ACL defaults to VPN-<hub hostname>; a static one's to VPN-<hostname>.
    ...(s.aclName !== undefined ? { aclName: s.aclName } : {}),
    ...(s.features.domainName !== undefined ? { domainName: s.features.domainName } : {}),
    ...(s.features.behindNat !== undefined ? { behindNat: s.features.behindNat } : {}),
    ...(s.features.internetBreakout !== undefined ? { internetBreakout: s.features.internetBreakout } : {}),
    ...(s.routes.length > 0 ? { routes: s.routes } : {}),
    ...(s.processSwitching ? { processSwitching: true } : {}),
    ...(s.deadPeerDetection !== undefined ? { deadPeerDetection: s.deadPeerDetection } : {}),
  };
}

/** The patterns' routers of a spec, with the hub and spokes. */
export interface PatternStack {
  readonly hub?: Hub;
  readonly spokes: ReadonlyMap<string, Spoke>;
  readonly routers: ReadonlyMap<string, Router>;
}

function buildHub(stack: HubSpokeStack, spec: ImportSpec, h: HubSpec): Hub {
  const key =
    spec.keyMode === 'rekey'
      ? PreSharedKey.derivedFrom(MasterSecret.fromEnv(spec.masterSecretVariable))
      : PreSharedKey.fromEnv(h.keyVariable!);
  const props = hubProps(spec, h);
  const dynamicKey = keyOf(spec, h.dynamicKeyVariable);
  return new Hub(stack, h.id, {
    ...props,
    preSharedKey: key,
    ...(props.dynamicSpokes !== undefined && dynamicKey !== undefined
      ? { dynamicSpokes: { ...props.dynamicSpokes, preSharedKey: dynamicKey } }
      : {}),
  });
}

/** Builds the spec's hub and spokes (no fixups) in a fresh App. */
export function buildPatternStack(spec: ImportSpec, env: Record<string, string>): PatternStack {
  const app = new App({ env, logWarning: () => {} });
  const stack = new HubSpokeStack(app, spec.stackId, {
    platform: spec.platform,
    ...(spec.allowLegacyCrypto ? { allowLegacyCrypto: true } : {}),
  });
  const routers = new Map<string, Router>();
  const spokes = new Map<string, Spoke>();
  const hub = spec.hub ? buildHub(stack, spec, spec.hub) : undefined;
  if (hub) {
    routers.set(hub.hostname, hub.router);
    for (const s of spec.spokes) {
      const key = keyOf(spec, s.keyVariable);
      const spoke = new Spoke(stack, s.id, {
        hub,
        ...spokeProps(spec, s),
        ...(key !== undefined ? { preSharedKey: key } : {}),
      });
      spokes.set(s.hostname, spoke);
      routers.set(s.hostname, spoke.router);
    }
  }
  for (const o of spec.others)
    routers.set(o.hostname, new Router(stack, o.id, { hostname: o.hostname, platform: o.platform }));
  return { ...(hub ? { hub } : {}), spokes, routers };
}

/** A router's configuration as synth renders it, parsed back. */
export function renderedAndParsed(router: Router, stackId: string, env: Record<string, string>): RouterConfig {
  const ir = router.toIr({ stackId, env, keyPresentation: 'cleartext' });
  return parseConfig(renderConfig(ir).text, { file: `${router.hostname}.cfg`, platform: ir.platform }).config;
}
