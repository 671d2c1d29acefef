/**
 * The IR: the plain data model of one router's configuration (what constructs produce, the
 * renderer prints, the parser reads back and the rules reason over), the topology file, and the
 * IOS vocabulary and address arithmetic they use. Published as the `ir` namespace of `hubspoke`:
 * `import { ir } from 'hubspoke'`, then `ir.RouterConfig`, `ir.AccessList`, `ir.DH_GROUPS`.
 * @packageDocumentation
 */
export * from './router-config.js';
export * from './topology.js';
export * from './ike-vocabulary.js';
export * from './ikev2-vocabulary.js';
export * from './protocols.js';
export * from './algorithms.js';
export * from './ipv4.js';
export { stripProvenance } from './strip-provenance.js';
