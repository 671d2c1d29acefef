/** Where IKEv2 constructs can be rendered (docs/ios-semantics.md#ikev2: IOS 12.2 has no IKEv2). */
import { IKEV2_SUPPORTED } from '../ir/ikev2-vocabulary.js';
import type { Router } from './router.js';

/** Why `what` cannot be on `router`'s platform, or undefined. */
export function ikev2PlatformProblem(router: Router, what: string): string | undefined {
  if (IKEV2_SUPPORTED[router.platform]) return undefined;
  return `${what} needs IKEv2, which ${router.platform} does not have (it came with IOS 15.1(1)T); use IKEv1 constructs or another platform`;
}
