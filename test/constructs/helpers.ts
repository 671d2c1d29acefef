import type { Platform } from '../../lib/ir/router-config.js';
import { App } from '../../lib/app/app.js';
import { HubSpokeStack } from '../../lib/app/stack.js';
import { Router } from '../../lib/constructs/router.js';

/** A router inside a stack named `Stack`, for L1 tests. */
export function newRouter(
  platform: Platform = 'ios-xe-17',
  extra: { allowLegacyCrypto?: boolean; complianceShieldDisabled?: boolean } = {},
) {
  const app = new App({ logWarning: () => {} });
  const stack = new HubSpokeStack(app, 'Stack');
  const router = new Router(stack, 'R1', { hostname: 'R1', platform, ...extra });
  return { app, stack, router };
}

/** Runs all validations under a construct and returns `path: message` strings. */
export function validationMessages(root: {
  node: { findAll(): { node: { path: string; validate(): string[] } }[] };
}): string[] {
  return root.node.findAll().flatMap((c) => c.node.validate().map((m) => `${c.node.path}: ${m}`));
}
