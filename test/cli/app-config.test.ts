import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAppConfig } from '../../lib/cli/app-config.js';

describe('hubspoke.json', () => {
  it('GIVEN the app command and an output folder WHEN parsed THEN the folder is resolved beside the file', () => {
    const c = parseAppConfig('{ "app": "npx tsx main.ts", "output": "out" }', '/proj/hubspoke.json');
    expect(c).toEqual({ app: 'npx tsx main.ts', output: join('/proj', 'out'), directory: '/proj' });
  });

  it('GIVEN no output WHEN parsed THEN it is cdk.out beside the file, and $schema is accepted', () => {
    expect(parseAppConfig('{ "$schema": "x", "app": "node main.js" }', '/proj/hubspoke.json').output).toBe(
      join('/proj', 'cdk.out'),
    );
  });

  it.each([
    ['{ "output": "out" }', /hubspoke\.json: "app" /],
    ['{ "app": "  " }', /"app" must be the command that runs the app/],
    ['{ "app": "node main.js", "outdir": "x" }', /unknown key "outdir" \(hubspoke\.json holds "app" and "output"\)/],
    ['{ "app": "node main.js", "output": 3 }', /"output" /],
    ['{ app: nope }', /not valid JSON/],
    ['[]', /hubspoke\.json: /],
  ])('GIVEN %s WHEN parsed THEN it is refused naming the file and the problem', (text, message) => {
    expect(() => parseAppConfig(text, '/proj/hubspoke.json')).toThrow(message);
  });
});
