import { describe, expect, it } from 'vitest';
import { AccessList } from '../../lib/constructs/access-list.js';
import { CryptoMap } from '../../lib/constructs/crypto-map.js';
import { Interface } from '../../lib/constructs/interface.js';
import { StaticRoute } from '../../lib/constructs/static-route.js';
import { oneLine } from '../../lib/render/line-writer.js';
import { newRouter } from '../constructs/helpers.js';

// Every class of character that makes a stored line display or parse as another line.
const HOSTILE: readonly [string, string][] = [
  ['NUL', '\u0000'],
  ['backspace', '\b'],
  ['tab', '\t'],
  ['LF', '\n'],
  ['VT', '\u000b'],
  ['FF', '\f'],
  ['CR', '\r'],
  ['ESC', '\u001b'],
  ['DEL', '\u007f'],
  ['NEL', '\u0085'],
  ['C1 CSI', '\u009b'],
  ['LINE SEPARATOR', '\u2028'],
  ['PARAGRAPH SEPARATOR', '\u2029'],
  ['RIGHT-TO-LEFT OVERRIDE', '\u202e'],
];
const INJECTED = 'crypto isakmp key INJECTED address 0.0.0.0 0.0.0.0';

/** Each free-text prop, set to `text` on a fresh router; returns what throws. */
const PROPS: readonly [string, string, (text: string) => void][] = [
  [
    'interface description',
    'description',
    (t) => new Interface(newRouter().router, 'If', { name: 'Ethernet0', description: t }),
  ],
  [
    'interface extraLines',
    'extraLines[0]',
    (t) => new Interface(newRouter().router, 'If', { name: 'Ethernet0', extraLines: [t] }),
  ],
  ['Interface.addLine', 'line', (t) => new Interface(newRouter().router, 'If', { name: 'Ethernet0' }).addLine(t)],
  ['Router.addLine', 'line', (t) => newRouter().router.addLine(t)],
  [
    'crypto map entry description',
    'description',
    (t) => new CryptoMap(newRouter().router, 'Map', { name: 'M' }).addEntry({ seq: 10, description: t }),
  ],
  ['AccessList.addRemark', 'remark', (t) => new AccessList(newRouter().router, 'Acl', { name: 'A1' }).addRemark(t)],
  [
    'ACL rule trailing',
    'trailing',
    (t) =>
      new AccessList(newRouter().router, 'Acl', {
        name: 'A1',
        rules: [{ source: 'any', destination: 'any', trailing: t }],
      }),
  ],
  [
    'static route name',
    'name',
    (t) => new StaticRoute(newRouter().router, 'Rt', { destination: '10.0.0.0/8', nextHop: '10.1.1.1', name: t }),
  ],
];

describe('input hygiene in props', () => {
  for (const [prop, property, set] of PROPS) {
    it.each(HOSTILE)(
      `GIVEN a ${prop} holding %s WHEN the construct is created THEN it is refused naming the path, the property and the character`,
      (_name, ch) => {
        const text = prop.includes('name') ? `r${ch}1` : `${ch.repeat(12)}${INJECTED}`;
        let error: Error | undefined;
        try {
          set(text);
        } catch (e) {
          error = e as Error;
        }
        expect(error?.message).toMatch(/^Stack\/R1/);
        expect(error?.message).toContain(property);
        expect(error?.message).toContain(`U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
        // The refusal itself never carries the raw character to a terminal.
        expect(error?.message).not.toContain(ch);
      },
    );
    it(`GIVEN a printable ${prop} WHEN the construct is created THEN it is accepted`, () => {
      expect(() => set(prop.includes('name') ? 'to-hq' : 'to the data centre (primary)')).not.toThrow();
    });
  }

  it('GIVEN IR built by hand with control characters WHEN a free-text value is rendered THEN it stays one printable line', () => {
    expect(oneLine(`a\b\b\u001b[2J\u2028b\u0085c\r\nd`)).toBe('a [2J b c d');
  });
});
