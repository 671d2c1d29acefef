/**
 * Test helpers of the repair plans: a lab as repair inputs, and the operator's part of a plan (each
 * key placeholder filled with the key the peer holds for this device, or one key shared by the two
 * placeholders of a pair), so a plan can be proven independently of the code that made it.
 */
import type { RouterConfig } from '../../lib/ir/router-config.js';
import { parseConfig } from '../../lib/parse/index.js';
import type { RepairInput, RepairPlan } from '../../lib/repair/index.js';
import { verifyNetwork } from '../../lib/verify/prove/verify-network.js';
import type { VerifyOptions, VerifyResult } from '../../lib/verify/types.js';
import type { Lab } from '../verify/labs.js';

export function inputsOf(lab: Lab): RepairInput[] {
  return Object.keys(lab)
    .sort()
    .map((file) => ({ file, text: lab[file]! }));
}

const PLACEHOLDER = /<key-for-(\d+\.\d+\.\d+\.\d+)>/;

/** The one IKEv2 keyring key a config holds for one of `mine` (the same both ways), if any. */
function ikev2KeyFor(config: RouterConfig | undefined, mine: readonly string[]): { key: string } | undefined {
  const peer = (config?.ikev2Keyrings ?? [])
    .flatMap((r) => r.peers)
    .find((p) => p.address !== undefined && p.address.prefixLength === 32 && mine.includes(p.address.address));
  return peer?.key && !peer.localKey && !peer.remoteKey && !PLACEHOLDER.test(peer.key.key) ? peer.key : undefined;
}

/** The repaired files with every placeholder filled as the operator would. */
export function filledFiles(plan: RepairPlan): { file: string; text: string }[] {
  const parsed = plan.files.map((f) => ({ ...f, config: parseConfig(f.text, { file: f.file }).config }));
  const addressesOf = (c: (typeof parsed)[number]['config']) =>
    c.interfaces.flatMap((i) => (i.address ? [i.address.ip] : []));
  return parsed.map((f) => {
    const lines = f.text.split('\n').map((line) => {
      const m = PLACEHOLDER.exec(line);
      if (!m) return line;
      const peer = parsed.find((p) => addressesOf(p.config).includes(m[1]!));
      const mine = addressesOf(f.config);
      const theirs =
        peer?.config.isakmpKeys.find((k) => mine.includes(k.address) && !PLACEHOLDER.test(k.key)) ??
        ikev2KeyFor(peer?.config, mine);
      const me = mine.find((a) => peer?.text.includes(`<key-for-${a}>`)) ?? '';
      const shared = `operator-typed-key-${[m[1]!, me].sort().join('-')}-Qx7`;
      return line.replace(PLACEHOLDER, theirs?.key ?? shared);
    });
    return { file: f.file, text: lines.join('\n') };
  });
}

/** The proof of the repaired network with the keys filled in. */
export function proveFilled(plan: RepairPlan, options: VerifyOptions = {}): VerifyResult {
  return verifyNetwork(
    filledFiles(plan).map((f) => ({ ...parseConfig(f.text, { file: f.file }), file: f.file })),
    options,
  );
}
