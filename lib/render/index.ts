/**
 * IR -> IOS text. `renderConfig` prints a `RouterConfig` in the style of its platform family
 * (`ios-12.2`, `ios-15`, `ios-xe-17`) with a per-line source map back to the constructs.
 * The section renderers are exported too, for tools that print parts of a configuration
 * (configuration-mode change plans, diffs).
 * @packageDocumentation
 */
export { renderConfig, platformStyle } from './render-config.js';
export type { RenderedConfig } from './render-config.js';
export type { PlatformStyle } from './platform-style.js';
export { IOS_12_2_STYLE } from './ios-12-2.js';
export { IOS_15_STYLE } from './ios-15.js';
export { IOS_XE_17_STYLE } from './ios-xe-17.js';
export { renderedForm } from './rendered-form.js';
export { LineWriter, oneLine } from './line-writer.js';
export { netmaskFor, wildcardFor } from './masks.js';
export { addressText, portText } from '../ir/acl-text.js';
export { ruleText, renderAccessList } from './acl-text.js';
export { isakmpKeyLine, renderCryptoMap, renderIsakmpPolicy, renderTransformSet } from './crypto-sections.js';
export { renderInterface, routeLine } from './interface-sections.js';
export {
  identityMatchLine,
  keepaliveLine,
  keyringKeyLine,
  renderIsakmpProfile,
  renderKeyring,
  renderTrustpoint,
} from './isakmp-profile-sections.js';
