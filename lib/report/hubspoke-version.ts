/**
 * The installed hubspoke version, for report headers and SARIF's `tool.driver.version`. Read from
 * the package's own package.json (two folders up from both `lib/report/` and `dist/report/`).
 */
import { createRequire } from 'node:module';

let cached: string | undefined;

/** Version of this hubspoke package, e.g. `0.1.0` (`unknown` if package.json is unreadable). */
export function hubspokeVersion(): string {
  if (cached === undefined) {
    try {
      const pkg = createRequire(import.meta.url)('../../package.json') as { version?: unknown };
      cached = typeof pkg.version === 'string' ? pkg.version : 'unknown';
    } catch {
      cached = 'unknown';
    }
  }
  return cached;
}
