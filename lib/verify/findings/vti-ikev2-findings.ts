/**
 * Catalogue: a static VTI or GRE pair whose IKEv2 tunnel protection does not come up
 * (docs/ios-semantics.md#static-vti-with-ikev2, docs/ios-semantics.md#gre-over-ipsec). The rule is `lib/rules/tunnel-ikev2.ts`; the proof
 * pins the failure (`prove/tunnel-exit.ts`). Codes are the crypto map IKEv2 codes of the same
 * meaning (`IKEV2_FAILURE_CODES`); keys are named by keyring, peer and line, never by value.
 */
import type { InterfaceConfig } from '../../ir/router-config.js';
import type { HeaderBox } from '../../rules/header-space.js';
import type { Ikev2AuthOutcome } from '../../rules/ikev2-auth.js';
import type { Ikev2Exchange } from '../../rules/ikev2-exchange.js';
import type { Site } from '../model/network-model.js';
import { aboutSubject, towardsSubject } from './finding-subject.js';
import { IKEV2_FAILURE_CODES, IKEV2_SA_INIT_TEXT, identityText, keyText } from './ikev2-findings.js';
import type { FindingDevice, ProblemInput } from './problem-book.js';
import type { ProblemCode } from './problem-codes.js';

/** Why the pair fails: an IKEv2 exchange, or the PFS offer refused at the first rekey. */
export type VtiIkev2Failure =
  | { readonly kind: 'ikev2'; readonly exchange: Ikev2Exchange }
  | { readonly kind: 'pfs-mismatch'; readonly offered?: number };

type Words = { readonly code: ProblemCode; readonly why: string; readonly hint?: Readonly<Record<string, string>> };

function authWords(a: Ikev2AuthOutcome, I: FindingDevice, R: FindingDevice): Words {
  const side = (s: 'initiator' | 'responder') => (s === 'initiator' ? I : R);
  const other = (s: 'initiator' | 'responder') => (s === 'initiator' ? R : I);
  switch (a.kind) {
    case 'undefined-profile':
      return {
        code: 'IKEV2_NO_PROFILE',
        why: `its IPsec profile names IKEv2 profile ${a.name ?? ''}, which ${I.hostname} does not define`,
        hint: { device: I.hostname, identity: 'the peer' },
      };
    case 'no-profile-match':
      return {
        code: 'IKEV2_NO_PROFILE',
        why: `no IKEv2 profile of ${R.hostname} matches the identity ${identityText(a.identity)} that ${I.hostname} sends (profile ${a.initiatorProfile.name}), so IKE_AUTH ends in AUTHENTICATION_FAILED`,
        hint: { device: R.hostname, identity: identityText(a.identity) },
      };
    case 'method-mismatch':
      return {
        code: 'IKEV2_AUTH_METHOD',
        why:
          a.method === undefined
            ? `IKEv2 profile ${a.profile.name} of ${side(a.side).hostname} has no authentication local method`
            : `${side(a.side).hostname} (IKEv2 profile ${a.profile.name}) accepts ${a.accepted.join(', ') || 'no method'} but ${other(a.side).hostname} signs with ${a.method}`,
        hint: { device: side(a.side).hostname },
      };
    case 'no-key':
      return {
        code: 'PSK_MISSING',
        why: `${side(a.side).hostname} has no pre-shared key to ${a.use} IKE_AUTH with ${other(a.side).hostname}: ${a.keyring === undefined ? `IKEv2 profile ${a.profile.name} names no keyring local` : `keyring ${a.keyring} of IKEv2 profile ${a.profile.name} has no peer (or no ${a.use === 'sign' ? 'local' : 'remote'} key) for it`}`,
        hint: {
          device: side(a.side).hostname,
          keyLine: `a peer with \`pre-shared-key\` in \`crypto ikev2 keyring ${a.keyring ?? '<name>'}\``,
        },
      };
    case 'key-mismatch': {
      const signer = side(a.signer);
      const verifier = other(a.signer);
      return {
        code: a.asymmetric ? 'PSK_ASYMMETRIC_MISMATCH' : 'PSK_MISMATCH',
        why: `${signer.hostname} signs IKE_AUTH with the ${keyText(signer.file, a.signKey)} but ${verifier.hostname} verifies it with the ${keyText(verifier.file, a.verifyKey)}, and the two differ`,
        hint: { signer: signer.hostname, verifier: verifier.hostname },
      };
    }
    case 'no-trustpoint':
      return {
        code: 'NO_TRUSTPOINT',
        why: `${side(a.side).hostname} authenticates IKEv2 with certificates (IKEv2 profile ${a.profile.name}) but the profile names no pki trustpoint`,
        hint: { device: side(a.side).hostname },
      };
    default:
      // Undecided outcomes make the pair unverified before any finding (`tunnel-ikev2.ts`).
      return { code: 'NOT_MODELLED', why: 'IKE_AUTH is not decided by the configs' };
  }
}

function failureWords(f: VtiIkev2Failure, I: FindingDevice, R: FindingDevice): Words {
  if (f.kind === 'pfs-mismatch')
    return {
      code: 'PFS_MISMATCH',
      why: `${R.hostname}'s IPsec profile does not accept ${f.offered === undefined ? 'no PFS' : `PFS group ${f.offered}`}, so the SA does not survive its first CREATE_CHILD_SA rekey`,
    };
  const x = f.exchange;
  if (!x.saInit.ok) {
    const d = x.saInit.side === 'initiator' ? I : R;
    return {
      code: IKEV2_FAILURE_CODES[x.saInit.reason],
      why: `IKE_SA_INIT fails: ${d.hostname} ${IKEV2_SA_INIT_TEXT[x.saInit.reason]}`,
    };
  }
  return authWords(x.auth!, I, R);
}

/** IKE_NO_POLICY_MATCH, IKEV2_NO_PROFILE, PSK_MISSING, PSK_(ASYMMETRIC_)MISMATCH, ...: an IKEv2-protected VTI or GRE pair does not come up. */
export function vtiIkev2Failed(f: {
  /** The tunnel kind: static VTI (the default) or GRE with tunnel protection. */
  readonly kind?: 'vti' | 'gre';
  /** The side the failure is pinned to, its tunnel and line. */
  readonly device: FindingDevice;
  readonly tunnel: InterfaceConfig;
  readonly line: number;
  readonly initiator: FindingDevice;
  readonly responder: FindingDevice;
  readonly failure: VtiIkev2Failure;
  readonly space: HeaderBox;
  readonly dest: Site;
}): ProblemInput {
  const { device: d, tunnel } = f;
  const w = failureWords(f.failure, f.initiator, f.responder);
  return {
    code: w.code,
    device: d.hostname,
    file: d.file,
    line: f.line,
    ...aboutSubject(
      `the ${f.kind === 'gre' ? 'protected GRE tunnel' : 'static VTI'} between ${f.initiator.hostname} and ${f.responder.hostname} (IKEv2; ${tunnel.name} of ${d.hostname}) does not come up for `,
      towardsSubject([f.space], { hostname: f.dest.device.hostname, network: f.dest.network, range: f.dest.range }),
      ` when ${f.initiator.hostname} initiates: ${w.why}`,
    ),
    ...(w.hint ? { hintValues: w.hint } : {}),
    dedupe: `${tunnel.name}|${f.kind ?? 'vti'}-ikev2|${w.code}`,
  };
}
