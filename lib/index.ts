// Public API of hubspoke: re-exports only.
export * from './ir/router-config.js';
export * from './ir/ipv4.js';
export * from './ir/topology.js';
