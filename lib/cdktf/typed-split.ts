/**
 * Splits one router's proven configuration into the IKEv2 sections that typed iosxe resources
 * carry and the text that stays in `iosxe_cli` (docs/cdktf.md, "Typed IKEv2 resources").
 *
 * The text is parsed back (it is the text the proof read), each IKEv2 section is offered to its
 * typed mapping (`ikev2-typed.ts`), and a section becomes typed only when
 * 1. the mapping accepts it,
 * 2. hubspoke's renderer, given the IR the attributes describe, writes exactly the section's
 *    lines (so the typed resource configures what was proven, nothing less, nothing more), and
 * 3. everything it names is typed too (a policy's proposal, a profile's keyring), so typed
 *    resources never wait for `iosxe_cli`, which waits for them (the crypto map entries name the
 *    profiles): no cycle, and a valid apply order.
 * Every other line stays in the `iosxe_cli` text, and a typed section's lines leave it: nothing is
 * sent twice. IOS reads configuration commands by mode, not by indentation, so taking blocks out
 * puts lines next to each other that were not: the rest is parsed again (the parser follows the
 * modes the same way) and must configure exactly the original minus the typed sections, else the
 * router is deployed through `iosxe_cli` alone.
 */
import type { RouterConfig } from '../ir/router-config.js';
import { stripProvenance } from '../ir/strip-provenance.js';
import { parseConfig } from '../parse/parse-config.js';
import { renderKeyring, renderPolicy, renderProfile, renderProposal } from '../render/ikev2-sections.js';
import { LineWriter } from '../render/line-writer.js';
import {
  fromTypedKeyring,
  fromTypedPolicy,
  fromTypedProfile,
  fromTypedProposal,
  toTypedKeyring,
  toTypedPolicy,
  toTypedProfile,
  toTypedProposal,
  type TypedAttributes,
} from './ikev2-typed.js';

/** The IKEv2 sections with a typed resource, in the order they must be applied. */
export const TYPED_KINDS = ['proposal', 'policy', 'keyring', 'profile'] as const;
/** One of `TYPED_KINDS`. */
export type TypedKind = (typeof TYPED_KINDS)[number];

/** Terraform resource type of each kind (CiscoDevNet/iosxe v1.0.0). */
export const TYPED_RESOURCE_TYPES: Readonly<Record<TypedKind, string>> = {
  proposal: 'iosxe_crypto_ikev2_proposal',
  policy: 'iosxe_crypto_ikev2_policy',
  keyring: 'iosxe_crypto_ikev2_keyring',
  profile: 'iosxe_crypto_ikev2_profile',
};

/** One section deployed through a typed resource. */
export interface TypedSection {
  readonly kind: TypedKind;
  /** The section's name (`crypto ikev2 proposal NAME`). */
  readonly name: string;
  /** Resource attributes, `device` and keys' variables not yet filled in. */
  readonly attributes: TypedAttributes;
  /** Typed sections of the same router applied first, as `kind:name`. */
  readonly after: readonly string[];
}

/** A router's configuration split between typed resources and `iosxe_cli`. */
export interface TypedSplit {
  /** Typed sections, in apply order (proposals, policies, keyrings, profiles; text order within). */
  readonly typed: readonly TypedSection[];
  /** The configuration text without the typed sections' lines. */
  readonly rest: string;
}

/** `kind:name`, the id of a typed section within its router. */
export function typedSectionId(kind: TypedKind, name: string): string {
  return `${kind}:${name}`;
}

/** One section of the text with its typed form (if the mapping accepts it). */
interface Candidate {
  readonly name: string;
  /** 1-based line of the section's first line. @default - not parsed from text */
  readonly line?: number;
  readonly attributes?: TypedAttributes;
  /** The lines hubspoke's renderer writes for the IR the attributes describe. */
  readonly renderBack: (attributes: TypedAttributes) => string[];
}

/** The lines (0-based indexes) of the block starting at 1-based `line`: it and its indented lines. */
function blockOf(lines: readonly string[], line: number): number[] {
  const out = [line - 1];
  for (let i = line; i < lines.length && /^\s/.test(lines[i]!); i++) out.push(i);
  return out;
}

function rendered<T>(render: (out: LineWriter, s: T) => void, s: T): string[] {
  const out = new LineWriter();
  render(out, s);
  return out.finish().text.split('\n').slice(0, -1);
}

function sectionsOf(config: RouterConfig): Record<TypedKind, Candidate[]> {
  const c = <T extends { readonly name: string; readonly loc?: { readonly line: number } }>(
    sections: readonly T[] | undefined,
    toTyped: (s: T) => TypedAttributes | undefined,
    render: (out: LineWriter, s: T) => void,
    fromTyped: (a: TypedAttributes) => T,
  ): Candidate[] =>
    (sections ?? []).map((section) => {
      const attributes = toTyped(section);
      return {
        name: section.name,
        ...(section.loc ? { line: section.loc.line } : {}),
        ...(attributes ? { attributes } : {}),
        renderBack: (a: TypedAttributes) => rendered(render, fromTyped(a)),
      };
    });
  return {
    proposal: c(config.ikev2Proposals, toTypedProposal, renderProposal, fromTypedProposal),
    policy: c(config.ikev2Policies, toTypedPolicy, renderPolicy, fromTypedPolicy),
    keyring: c(config.ikev2Keyrings, toTypedKeyring, renderKeyring, fromTypedKeyring),
    profile: c(config.ikev2Profiles, toTypedProfile, renderProfile, fromTypedProfile),
  };
}

/** What a section names that must be typed as well. */
function references(kind: TypedKind, attributes: TypedAttributes): string[] {
  if (kind === 'policy') {
    const proposals = (attributes['proposals'] as readonly { proposals: string }[] | undefined) ?? [];
    return proposals.map((p) => typedSectionId('proposal', p.proposals));
  }
  if (kind === 'profile' && typeof attributes['keyring_local'] === 'string') {
    return [typedSectionId('keyring', attributes['keyring_local'])];
  }
  return [];
}

/**
 * The typed sections of a rendered configuration and the text left for `iosxe_cli`. `hostname`
 * names the text in parse locations only.
 */
export function splitTypedIkev2(text: string, hostname: string): TypedSplit {
  const { config } = parseConfig(text, { file: `${hostname}.cfg` });
  const lines = text.split('\n');
  const all = sectionsOf(config);
  const typed: TypedSection[] = [];
  const taken = new Set<number>();
  const ids = new Set<string>();
  for (const kind of TYPED_KINDS) {
    const names = all[kind].map((c) => c.name);
    for (const candidate of all[kind]) {
      const { name, line, attributes } = candidate;
      // A name written twice is one object on the device: leave both blocks to the CLI.
      if (line === undefined || attributes === undefined || names.indexOf(name) !== names.lastIndexOf(name)) continue;
      const block = blockOf(lines, line);
      const proven = block.map((i) => lines[i]!.replace(/\s+$/, ''));
      const back = candidate.renderBack(attributes);
      if (back.length !== proven.length || back.some((l, i) => l !== proven[i])) continue;
      const after = references(kind, attributes);
      if (after.some((id) => !ids.has(id))) continue;
      typed.push({ kind, name, attributes, after });
      ids.add(typedSectionId(kind, name));
      for (const i of block) taken.add(i);
    }
  }
  const rest = lines.filter((_, i) => !taken.has(i)).join('\n');
  if (typed.length === 0) return { typed, rest };
  const again = parseConfig(rest, { file: `${hostname}.cfg` }).config;
  return same(again, withoutTyped(config, typed)) ? { typed, rest } : { typed: [], rest: text };
}

/** `config` without the typed sections. */
function withoutTyped(config: RouterConfig, typed: readonly TypedSection[]): RouterConfig {
  const ids = new Set(typed.map((t) => typedSectionId(t.kind, t.name)));
  const keep = <T extends { readonly name: string }>(kind: TypedKind, xs: readonly T[] | undefined): T[] | undefined =>
    xs?.filter((x) => !ids.has(typedSectionId(kind, x.name)));
  return {
    ...config,
    ikev2Proposals: keep('proposal', config.ikev2Proposals),
    ikev2Policies: keep('policy', config.ikev2Policies),
    ikev2Keyrings: keep('keyring', config.ikev2Keyrings),
    ikev2Profiles: keep('profile', config.ikev2Profiles),
  };
}

function same(a: RouterConfig, b: RouterConfig): boolean {
  const norm = (c: RouterConfig): string => {
    const { ikev2Proposals, ikev2Policies, ikev2Keyrings, ikev2Profiles, ...restOf } = c;
    return JSON.stringify(
      stripProvenance({
        ...restOf,
        ikev2Proposals: ikev2Proposals ?? [],
        ikev2Policies: ikev2Policies ?? [],
        ikev2Keyrings: ikev2Keyrings ?? [],
        ikev2Profiles: ikev2Profiles ?? [],
      }),
    );
  };
  return norm(a) === norm(b);
}
