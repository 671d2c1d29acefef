/**
 * IR -> IOS text. `renderConfig` prints a `RouterConfig` in the style of its platform family
 * (`ios-12.2`, `ios-15`, `ios-xe-17`) with a per-line source map back to the constructs.
 * @packageDocumentation
 */
export { renderConfig, platformStyle } from './render-config.js';
export type { RenderedConfig } from './render-config.js';
export type { PlatformStyle } from './platform-style.js';
export { renderedForm } from './rendered-form.js';
export { addressText, portText, ruleText } from './acl-text.js';
export { isakmpKeyLine } from './crypto-sections.js';
export { routeLine } from './interface-sections.js';
