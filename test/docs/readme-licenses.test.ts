import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const require = createRequire(root);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { dependencies: Record<string, string> };
const readme = readFileSync(new URL('README.md', root), 'utf8');

describe('README license table', () => {
  it('GIVEN the runtime dependencies WHEN the README is read THEN each is listed with the license its installed package declares', () => {
    const names = Object.keys(pkg.dependencies).sort();
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      const license = (require(`${name}/package.json`) as { license: string }).license;
      expect(readme, `${name} (${license}) missing from the README license table`).toContain(
        `| \`${name}\` | ${license} |`,
      );
    }
  });
});
