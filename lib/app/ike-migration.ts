/**
 * The migration guard of the IKE default (README, "IKEv2 by default"): a Hub without `ike` runs
 * IKEv2 where its platform has it, and a tunnel comes up only when both ends speak the same version
 * (an entry with `set ikev2-profile` initiates IKEv2, one without IKEv1: docs/ios-semantics.md#ikev2).
 * A stack written before the default changed would move its deployed tunnels to the other version
 * at its next synth without a word.
 * So, before anything is written, synth compares with the last good output in the stack's folder
 * (which a failed synth never touches, `write-artifacts.ts`): when a router of such a hub ran IKEv1
 * there, synth refuses and names both ways out. An `ike` that was said never triggers it.
 */
import type { IConstruct } from 'constructs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { invalidProperty } from '../constructs/errors.js';
import { Hub } from '../patterns/hub.js';
import { outputError } from './output-errors.js';

/**
 * The global commands that give IKEv1 something to negotiate with: a policy, a key (global or in
 * a keyring) or an ISAKMP profile; the patterns write a policy and keys for every IKEv1 router and
 * none of them with IKEv2.
 */
const IKEV1_COMMAND = /^crypto (?:isakmp (?:policy|key|profile)|keyring) /m;

/** How many router names a message lists before it counts the rest. */
const LISTED = 5;

/**
 * One message per Hub below `scope` whose `ike` was defaulted to 'v2' while the last output in
 * `dir` (a stack's output folder) ran IKEv1 on the hub or one of its spokes; empty when there is no
 * earlier output or nothing changes protocol.
 */
export function ikeMigrationProblems(scope: IConstruct, dir: string): string[] {
  const problems: string[] = [];
  for (const hub of scope.node.findAll()) {
    if (!(hub instanceof Hub) || !hub.ikeDefaulted || hub.ike !== 'v2') continue;
    const hostnames = [hub.router.hostname, ...hub.spokes.map((s) => s.router.hostname)];
    const onIkev1 = hostnames.filter((h) => ranIkev1(join(dir, `${h}.cfg`)));
    if (onIkev1.length > 0) problems.push(migrationMessage(hub, dir, onIkev1));
  }
  return problems;
}

/** True when the file exists and holds an IKEv1 command; a missing file is no earlier output. */
function ranIkev1(file: string): boolean {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw outputError(e, 'read the last output', file);
  }
  return IKEV1_COMMAND.test(text);
}

function migrationMessage(hub: Hub, dir: string, hostnames: readonly string[]): string {
  const shown = hostnames.slice(0, LISTED).join(', ');
  const more = hostnames.length > LISTED ? ` and ${hostnames.length - LISTED} more` : '';
  return invalidProperty(
    hub.node.path,
    'ike',
    undefined,
    `is not set, so it defaults to 'v2' on platform ${hub.platform} (IKEv2 wherever the platform has it), ` +
      `but the last output in ${dir} runs IKEv1 on ${shown}${more}; IKEv1 and IKEv2 do not interoperate, ` +
      `so deploying this synth would take those tunnels down. Set ike: 'v1' on the Hub to keep IKEv1, ` +
      `or ike: 'v2' to migrate knowingly (deploy the hub and all its spokes together: a tunnel is down ` +
      `until both of its ends run IKEv2). Nothing was written`,
  ).message;
}
