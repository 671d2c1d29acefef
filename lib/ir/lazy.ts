/**
 * Values built, and CommonJS dependencies loaded, on first use instead of at import.
 * `import('hubspoke')` should cost little more than `constructs` (issue 16: under 300 ms), and a
 * static ESM import of a CommonJS package pays for the package and for Node's scan of its exports
 * (cjs-module-lexer follows every re-exported file of ip-num's index) even in a program that never
 * computes an address aggregate, validates props or draws a progress bar. `require` is
 * synchronous, so the callers stay synchronous.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** A value built on the first call and kept. */
export function lazy<T>(build: () => T): () => T {
  let built = false;
  let value: T;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value;
  };
}

/** A getter that loads `specifier` (a package with a CommonJS entry) the first time it is called. */
export function lazyRequire<T>(specifier: string): () => T {
  return lazy(() => require(specifier) as T);
}
