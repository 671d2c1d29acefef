/**
 * IOS text -> IR. `parseConfig` reads one configuration into a `RouterConfig` with file:line on
 * every element and diagnostics for everything malformed or not modelled; it never throws.
 * `loadConfigs` reads files and directories.
 * @packageDocumentation
 */
export { parseConfig } from './parse-config.js';
export type { ParseOptions, ParseResult } from './parse-config.js';
export { loadConfigs, loadConfigFiles, notConfigReason, CONFIG_EXTENSIONS } from './load-configs.js';
export type { ParsedFile, SkippedFile } from './load-configs.js';
export { DIAGNOSTIC_CODES } from './diagnostics.js';
export type { Diagnostic, DiagnosticCode, Severity } from './diagnostics.js';
export { platformFromVersion, FALLBACK_PLATFORM } from './platform.js';
export { MAX_LINE_LENGTH } from './line-reader.js';
