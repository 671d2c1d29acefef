/**
 * The findings catalogue: one typed factory per finding shape, so every problem the proof reports
 * is worded in one place. Analysis (the pair walk, the negotiator, the static checks) finds *what*
 * is wrong and calls a factory with that data; the factory returns the `ProblemInput` (code,
 * device, file, line, message, hint values, dedupe key) that the problem book records. The code
 * table itself (severity, description, hint template, docs anchor) is `problem-codes.ts`.
 *
 * Import it as a namespace (`import * as finding from '../findings/catalogue.js'`), so a report
 * reads `finding.noRoute({ ... })`.
 */
export * from './device-findings.js';
export * from './route-findings.js';
export * from './crypto-findings.js';
export * from './negotiation-findings.js';
export * from './auth-findings.js';
export * from './filter-findings.js';
export * from './peer-findings.js';
export * from './tunnel-findings.js';
export * from './vti-ikev2-findings.js';
export * from './nat-findings.js';
export * from './dynamic-findings.js';
export * from './gre-findings.js';
