import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const readme = readFileSync(new URL('README.md', root), 'utf8');

describe('README testing section', () => {
  it('GIVEN the example test in the README WHEN compared with test/docs/readme-example.test.ts (which npm test runs) THEN they are the same file', () => {
    const section = readme.slice(readme.indexOf('## Testing'));
    const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
    expect(block).toBe(readFileSync(new URL('test/docs/readme-example.test.ts', root), 'utf8'));
  });
});
