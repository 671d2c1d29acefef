/**
 * Runs every validation below a construct and returns all messages, each prefixed with its
 * construct path, plus the checks that span constructs (hostnames repeated in a stack, plain-text key reuse,
 * names and references inside each router).
 */
import type { IConstruct } from 'constructs';
import { Annotations, type CollectedAnnotations } from '../constructs/annotations.js';
import { invokeAspects } from '../constructs/aspects.js';
import { IsakmpKey } from '../constructs/isakmp-key.js';
import { Ikev2KeyringPeer } from '../constructs/ikev2-keyring.js';
import { Router } from '../constructs/router.js';
import { RouterConsistency } from './router-consistency.js';
import { HubSpokeStack } from './stack.js';
import { appendAll } from '../ir/collections.js';

/**
 * What synth checks before producing anything, in the order of aws-cdk and cdktf: the aspects
 * first (they may add constructs, change props or add annotations), then every validation, then
 * the error annotations. Returns every message, each starting with a construct path, and the
 * annotations found.
 */
export function prepareAndValidate(root: IConstruct): { errors: string[]; annotations: CollectedAnnotations } {
  invokeAspects(root);
  const errors = validateTree(root);
  const annotations = Annotations.collect(root);
  for (const e of annotations.errors) errors.push(`${e.path || '(root)'}: ${e.message}`);
  return { errors, annotations };
}

/** All validation errors of the subtree, in tree order. Warnings are added to the constructs. */
export function validateTree(root: IConstruct): string[] {
  const errors: string[] = [];
  const hostnames = new Map<string, string>();
  const reuse = new Map<string, { pairs: Set<string>; keys: (IsakmpKey | Ikev2KeyringPeer)[] }>();
  const consistency = new RouterConsistency();
  for (const c of root.node.findAll()) {
    for (const message of c.node.validate()) errors.push(`${c.node.path}: ${message}`);
    consistency.visit(c);
    if (Router.isRouter(c)) {
      // Per stack: each stack writes its own folder, so two stacks may each have a "Hub".
      const key = `${stackPath(c)}\n${c.hostname.toLowerCase()}`;
      const other = hostnames.get(key);
      if (other !== undefined) {
        errors.push(
          `${c.node.path}: hostname "${c.hostname}" is already used by ${other}; each router's config file is named after its hostname`,
        );
      } else hostnames.set(key, c.node.path);
    }
    const sources = c instanceof IsakmpKey ? [c.key] : c instanceof Ikev2KeyringPeer ? c.keySources() : [];
    for (const source of sources) {
      const token = source.reuseToken();
      if (token === undefined) continue;
      const pair = (c as IsakmpKey | Ikev2KeyringPeer).pair;
      // Hostnames are unique per stack only: the stack is part of the pair's identity.
      const pairId = `${stackPath(c)}\n${
        pair
          ? pair
              .map((p) => p.hostname)
              .sort()
              .join('+')
          : `${Router.of(c).hostname}+${(c as IsakmpKey | Ikev2KeyringPeer).address ?? c.node.path}`
      }`;
      const group = reuse.get(token) ?? { pairs: new Set<string>(), keys: [] };
      group.pairs.add(pairId);
      if (!group.keys.includes(c as IsakmpKey | Ikev2KeyringPeer)) group.keys.push(c as IsakmpKey | Ikev2KeyringPeer);
      reuse.set(token, group);
    }
  }
  appendAll(errors, consistency.errors());
  for (const { pairs, keys } of reuse.values()) {
    if (pairs.size < 2) continue;
    for (const k of keys) {
      Annotations.of(k).addWarningV2(
        'REUSED_PSK',
        `the same unsafe plain-text pre-shared key is used by ${pairs.size} peer pairs; one leaked device exposes them all (use PreSharedKey.derivedFrom)`,
      );
    }
  }
  return errors;
}

/** Path of the HubSpokeStack enclosing `c` (empty outside any stack, as in a cdktf deployment). */
function stackPath(c: IConstruct): string {
  const scopes = c.node.scopes;
  for (let i = scopes.length - 1; i >= 0; i -= 1) if (HubSpokeStack.isStack(scopes[i])) return scopes[i]!.node.path;
  return '';
}
