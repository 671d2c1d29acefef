/**
 * Dynamic VTI hubs (docs/ios-semantics.md#dynamic-vti). A spoke's static VTI aimed at a router that
 * has no tunnel pointing back is answered, if at all, by the virtual template the hub's IKEv2
 * profile (selected by the spoke's identity) names with `virtual-template N`: IOS clones `interface
 * Virtual-TemplateN type tunnel` into a virtual-access interface for that spoke. This module decides
 * which template answers and what the virtual-access looks like; the IPsec SA is the static VTI
 * rule's (`tunnel-ipsec.ts`, IKEv2 through `tunnel-ikev2.ts`), run with the spoke as the only
 * initiator, since a virtual-access exists only once the spoke connected. Shared by the proof
 * (`lib/verify/prove/dvti-exit.ts`) and the emulator (`lib/emulate/tunnel-walk.ts`).
 */
import type { Ikev2Profile, InterfaceConfig, RouterConfig, VirtualTemplateRef } from '../ir/router-config.js';
import { ikev2Exchange, type Ikev2Exchange } from './ikev2-exchange.js';
import { negotiateVti, protectionProfile, type VtiEnd, type VtiOptions, type VtiOutcome } from './tunnel-ipsec.js';
import { tunnelMode, tunnelSource } from './tunnels.js';

const VIRTUAL_TEMPLATE = /^virtual-template/i;

/** Why the rule does not decide a spoke's tunnel towards a dynamic VTI hub. */
export type DvtiUnmodelled =
  /** The spoke negotiates IKEv1: ISAKMP profiles naming virtual templates are not followed. */
  | 'dynamic-vti'
  /** The template is not `type tunnel`, or has no `ip unnumbered` line (an own address or none). */
  | 'dvti-template'
  /** The template has no tunnel source, or one that is not the address the spoke aims at. */
  | 'dvti-template-source'
  /** The spoke's tunnel is GRE: GRE over a virtual-access is not followed. */
  | 'dvti-gre';

/** Why a template cannot answer the spoke: what the proof reports as a tunnel mismatch. */
export type DvtiTemplateProblem =
  /** The IKEv2 profile bound to the spoke names no virtual template. */
  | { readonly kind: 'no-template'; readonly profile: Ikev2Profile }
  /** The profile names a template the router does not have. */
  | { readonly kind: 'template-missing'; readonly profile: Ikev2Profile; readonly ref: VirtualTemplateRef }
  /** The template is shut down: every virtual-access cloned from it is too. */
  | { readonly kind: 'template-shutdown'; readonly profile: Ikev2Profile; readonly template: InterfaceConfig }
  /** Another tunnel mode than the spoke's, or protection on one side only. */
  | {
      readonly kind: 'mode' | 'protection';
      readonly profile: Ikev2Profile;
      readonly template: InterfaceConfig;
    };

/** What a dynamic VTI hub makes of a spoke's static VTI. */
export type DvtiOutcome =
  | {
      readonly ok: true;
      readonly template: InterfaceConfig;
      /** The virtual-access the hub clones for the spoke (named after the template: numbers are run-time). */
      readonly virtualAccess: InterfaceConfig;
      readonly exitA: InterfaceConfig;
      readonly exitB: InterfaceConfig;
      readonly exchange: Ikev2Exchange;
    }
  | { readonly ok: false; readonly kind: 'template'; readonly problem: DvtiTemplateProblem }
  /** `virtualAccess`: the hub's clone, when the failure comes after the template was found. */
  | (Exclude<VtiOutcome, { readonly ok: true }> & { readonly virtualAccess?: InterfaceConfig });

/** True for an `interface Virtual-TemplateN`. */
export function isVirtualTemplate(i: InterfaceConfig): boolean {
  return VIRTUAL_TEMPLATE.test(i.name);
}

/**
 * True when `config` may answer tunnels with a virtual template: a profile names one, or it has an
 * `interface Virtual-TemplateN type tunnel`. A spoke tunnel without a tunnel pointing back there is
 * then the dynamic VTI's to decide, not a plain tunnel mismatch.
 */
export function isDynamicVtiHub(config: RouterConfig): boolean {
  return (
    (config.ikev2Profiles ?? []).some((p) => p.virtualTemplate !== undefined) ||
    (config.isakmpProfiles ?? []).some((p) => p.virtualTemplate !== undefined) ||
    config.interfaces.some((i) => isVirtualTemplate(i) && i.interfaceType === 'tunnel')
  );
}

/** `interface Virtual-TemplateN` of `config`, if configured. */
export function virtualTemplate(config: RouterConfig, n: number): InterfaceConfig | undefined {
  return config.interfaces.find((i) => isVirtualTemplate(i) && Number(i.name.slice('virtual-template'.length)) === n);
}

/** The template's own problem or what the rule does not decide, for a spoke tunnel `spoke` aimed at `hubAddress`. */
function templateCheck(
  hub: RouterConfig,
  template: InterfaceConfig,
  spoke: InterfaceConfig,
  hubAddress: string,
  profile: Ikev2Profile,
): DvtiTemplateProblem | DvtiUnmodelled | undefined {
  if (template.interfaceType !== 'tunnel' || template.unnumbered === undefined || template.address !== undefined)
    return 'dvti-template';
  if (template.shutdown) return { kind: 'template-shutdown', profile, template };
  if (tunnelMode(template) !== tunnelMode(spoke)) return { kind: 'mode', profile, template };
  if ((template.tunnel?.protection === undefined) !== (spoke.tunnel?.protection === undefined))
    return { kind: 'protection', profile, template };
  if (tunnelSource(hub, template).address !== hubAddress) return 'dvti-template-source';
  return undefined;
}

/**
 * What the dynamic VTI hub `hub` (owning `hubAddress`, the spoke tunnel's destination) makes of the
 * static VTI `spoke`: IKE_SA_INIT and IKE_AUTH with the spoke initiating select the hub's IKEv2
 * profile by identity; its `virtual-template N` names the template; the clone negotiates the
 * IPsec SA with the spoke under the static VTI rule, the spoke initiating.
 */
export function answerDynamicVti(
  spoke: VtiEnd,
  hub: RouterConfig,
  hubAddress: string,
  options: Omit<VtiOptions, 'initiators'> = {},
): DvtiOutcome {
  if (tunnelMode(spoke.tunnel) === 'gre ip') return { ok: false, kind: 'unmodelled', reason: 'dvti-gre', end: 'b' };
  const profile = protectionProfile(spoke.config, spoke.tunnel);
  if (!profile) return { ok: false, kind: 'unmodelled', reason: 'profile-undefined', end: 'a' };
  if (profile.ikev2Profile === undefined) return { ok: false, kind: 'unmodelled', reason: 'dynamic-vti', end: 'b' };
  const x = ikev2Exchange(
    spoke.config,
    spoke.address,
    hub,
    hubAddress,
    { ikev2Profile: profile.ikev2Profile },
    options,
  );
  if (x.step === 'undecided') return { ok: false, kind: 'unmodelled', reason: 'ikev2-undecided', end: 'b' };
  const auth = x.auth;
  if (x.step !== 'ok' || auth?.kind !== 'ok') return { ok: false, kind: 'ikev2', initiator: 'a', exchange: x };
  const bound = (hub.ikev2Profiles ?? []).find((p) => p.name === auth.responderProfile.name)!;
  const ref = bound.virtualTemplate;
  if (ref === undefined) return { ok: false, kind: 'template', problem: { kind: 'no-template', profile: bound } };
  const template = virtualTemplate(hub, ref.number);
  if (!template) return { ok: false, kind: 'template', problem: { kind: 'template-missing', profile: bound, ref } };
  const check = templateCheck(hub, template, spoke.tunnel, hubAddress, bound);
  if (typeof check === 'string') return { ok: false, kind: 'unmodelled', reason: check, end: 'b' };
  if (check) return { ok: false, kind: 'template', problem: check };
  const virtualAccess = cloneVirtualAccess(template, spoke.address, hubAddress);
  const v = negotiateVti(
    spoke,
    { config: hub, tunnel: virtualAccess, address: hubAddress },
    { ...options, initiators: 'a' },
  );
  if (!v.ok) return { ...v, virtualAccess };
  return { ok: true, template, virtualAccess, exitA: v.exitA, exitB: v.exitB, exchange: x };
}

/**
 * The virtual-access IOS clones from `template` for the spoke at `spokeAddress`: the template's
 * lines, its tunnel aimed at the spoke. `name` stands for the run-time `Virtual-AccessN`.
 */
export function cloneVirtualAccess(
  template: InterfaceConfig,
  spokeAddress: string,
  hubAddress: string,
  name = `Virtual-Access (${template.name})`,
): InterfaceConfig {
  return { ...template, name, tunnel: { ...template.tunnel, source: hubAddress, destination: spokeAddress } };
}
