import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { parseConfig } from '../../lib/parse/index.js';

const codes = (text: string) => parseConfig(text, { file: 'x.cfg' }).diagnostics.map((d) => d.code);

const TOKENS = [
  'crypto',
  'map',
  'isakmp',
  'ipsec',
  'policy',
  'key',
  'address',
  'transform-set',
  'set',
  'peer',
  'pfs',
  'group14',
  'match',
  'interface',
  'ip',
  'route',
  'access-list',
  'extended',
  'standard',
  'permit',
  'deny',
  'host',
  'any',
  'eq',
  'range',
  'www',
  'tcp',
  'udp',
  'esp',
  'remark',
  'hostname',
  'version',
  '12.2',
  '17.3',
  'banner',
  'motd',
  '^C',
  '#',
  'end',
  'exit',
  'no',
  'shutdown',
  'mode',
  'tunnel',
  'encr',
  'aes',
  '256',
  'hash',
  'sha',
  'group',
  'lifetime',
  '10',
  '110',
  '65535',
  '0',
  '6',
  '7',
  '10.1.1.1',
  '255.255.255.0',
  '0.0.0.255',
  '999.1.1.1',
  '1.2.3',
  'dynamic',
  'ipsec-isakmp',
  'ipsec-manual',
  'security-association',
  'seconds',
  'kilobytes',
  'local-address',
  'secondary',
  'description',
  '!',
  '--More--',
  '\b',
  '\t',
  '\r',
  '\u0003',
  'esp-aes',
  'esp-sha-hmac',
  'name',
  'track',
  'log',
];

const lineArb = fc
  .tuple(fc.constantFrom('', ' ', '  ', '\t'), fc.array(fc.constantFrom(...TOKENS), { minLength: 0, maxLength: 8 }))
  .map(([indent, words]) => indent + words.join(' '));

describe('parseConfig never throws', () => {
  it('GIVEN random lines built from near-IOS tokens WHEN parsed THEN it returns a config and diagnostics', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 40 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
        const result = parseConfig(lines.join(eol), { file: 'fuzz.cfg' });
        expect(typeof result.config.hostname).toBe('string');
        expect(result.diagnostics.every((d) => d.file === 'fuzz.cfg' && Number.isInteger(d.line))).toBe(true);
        expect(result.diagnostics.some((d) => d.code === 'INTERNAL')).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('GIVEN arbitrary strings and byte soup WHEN parsed THEN it never throws nor reports an internal error', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.string({ unit: 'binary', maxLength: 300 }),
          fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1')),
        ),
        (text) => {
          const result = parseConfig(text);
          expect(result.diagnostics.some((d) => d.code === 'INTERNAL')).toBe(false);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('GIVEN an internal failure while reading WHEN parsed THEN it becomes an INTERNAL diagnostic, not a throw', () => {
    const split = vi.spyOn(String.prototype, 'split').mockImplementation(() => {
      throw new RangeError('simulated');
    });
    try {
      const { config, diagnostics } = parseConfig('hostname A\n', { file: 'boom.cfg' });
      expect(diagnostics).toContainEqual(
        expect.objectContaining({ severity: 'error', code: 'INTERNAL', file: 'boom.cfg' }),
      );
      expect(config.hostname).toBe('Router');
    } finally {
      split.mockRestore();
    }
  });

  it('GIVEN a value that is not a string WHEN parsed THEN a diagnostic is returned instead of a throw', () => {
    expect(parseConfig(undefined as unknown as string).diagnostics.map((d) => d.code)).toContain('BINARY_INPUT');
  });
});

describe('parseConfig on hostile inputs', () => {
  it('GIVEN binary junk WHEN parsed THEN BINARY_INPUT is reported and nothing is read', () => {
    const junk = String.fromCharCode(...Array.from({ length: 2000 }, (_, i) => (i * 7919) % 256));
    const { config, diagnostics } = parseConfig(junk);
    expect(diagnostics.map((d) => d.code)).toContain('BINARY_INPUT');
    expect(config.extraLines).toEqual([]);
  });

  it('GIVEN an empty or blank file WHEN parsed THEN EMPTY_INPUT is reported with the default hostname', () => {
    for (const text of ['', '   \n\n\t\r\n']) {
      const { config, diagnostics } = parseConfig(text);
      expect(diagnostics.map((d) => d.code)).toContain('EMPTY_INPUT');
      expect(config.hostname).toBe('Router');
    }
  });

  it('GIVEN a config truncated in the middle of a crypto map entry WHEN parsed THEN what was there is kept', () => {
    const { config } = parseConfig(
      'hostname T\ncrypto map M 10 ipsec-isakmp\n set peer 192.0.2.1\n set transform-set A\n match addr',
    );
    expect(config.cryptoMaps[0]!.entries[0]).toMatchObject({ peers: ['192.0.2.1'], transformSets: ['A'] });
  });

  it('GIVEN a 1 MB line between two commands WHEN parsed THEN the line is skipped with LINE_TOO_LONG and the rest is read', () => {
    const text = `hostname Long\n${'x'.repeat(1_000_000)}\ninterface Ethernet0\n ip address 10.0.0.1 255.255.255.0\n`;
    const { config, diagnostics } = parseConfig(text);
    expect(diagnostics.find((d) => d.code === 'LINE_TOO_LONG')?.line).toBe(2);
    expect(config.interfaces[0]?.address).toEqual({ ip: '10.0.0.1', prefixLength: 24 });
  });

  // A regular-expression blow-up would not finish within the test's timeout; timings belong to npm run bench.
  it('GIVEN a 1 MB line of addresses WHEN parsed THEN it is skipped with LINE_TOO_LONG (no regular expression runs over it)', () => {
    const { config, diagnostics } = parseConfig(`access-list 110 permit ip ${'1.1.1.1 '.repeat(130_000)}`);
    expect(diagnostics.find((d) => d.code === 'LINE_TOO_LONG')?.line).toBe(1);
    expect(config.accessLists).toEqual([]);
  });

  it('GIVEN CRLF line endings WHEN parsed THEN the IR equals the one read from LF text', () => {
    const lf =
      'hostname R\ninterface Ethernet1\n ip address 10.1.4.1 255.255.255.0\n crypto map M\ncrypto map M 10 ipsec-isakmp\n set peer 10.1.2.1\n';
    expect(parseConfig(lf.replaceAll('\n', '\r\n')).config).toEqual(parseConfig(lf).config);
  });

  it('GIVEN a multi-line banner whose body looks like commands WHEN parsed THEN the body is not interpreted', () => {
    const text = [
      'hostname B',
      'banner motd ^C',
      'hostname Evil',
      'crypto map X 10 ipsec-isakmp',
      '^C',
      'banner login #one line#',
      'interface Ethernet0',
      'end',
    ].join('\n');
    const { config, diagnostics } = parseConfig(text);
    expect(config.hostname).toBe('B');
    expect(config.cryptoMaps).toEqual([]);
    expect(config.interfaces.map((i) => i.name)).toEqual(['Ethernet0']);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(config.extraLines.map((l) => l.text)).toContain('banner login #one line#');
  });

  it('GIVEN a banner that is never closed WHEN parsed THEN UNTERMINATED_BANNER names its line', () => {
    const { diagnostics } = parseConfig('hostname B\nbanner exec %\nwelcome\ninterface Ethernet0\n');
    expect(diagnostics.find((d) => d.code === 'UNTERMINATED_BANNER')?.line).toBe(2);
  });

  it('GIVEN --More-- pager junk with backspaces WHEN parsed THEN the commands under it are read', () => {
    const junk = ' --More-- \b\b\b\b\b\b\b\b\b\b          \b\b\b\b\b\b\b\b\b\b';
    const text = `hostname P\ninterface Ethernet1\n${junk} ip address 10.0.0.1 255.255.255.0\n --More-- crypto map M\n`;
    const { config, diagnostics } = parseConfig(text);
    expect(config.interfaces[0]).toMatchObject({ address: { ip: '10.0.0.1', prefixLength: 24 }, cryptoMap: 'M' });
    expect(diagnostics.map((d) => d.code)).toContain('PAGER_JUNK');
  });

  it('GIVEN a show running-config capture with prompt and preamble WHEN parsed THEN they are not kept as commands', () => {
    const text =
      'R1#show running-config\nBuilding configuration...\n\nCurrent configuration : 1234 bytes\n!\nhostname R1\nend\nR1#';
    const { config, diagnostics } = parseConfig(text);
    expect(config.hostname).toBe('R1');
    expect(config.extraLines).toEqual([]);
    expect(diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('GIVEN two hostname lines WHEN parsed THEN DUPLICATE_HOSTNAME_LINE is an error and the first is kept', () => {
    const { config, diagnostics } = parseConfig('hostname A\nhostname B\n');
    expect(config.hostname).toBe('A');
    expect(diagnostics.find((d) => d.code === 'DUPLICATE_HOSTNAME_LINE')).toMatchObject({ severity: 'error', line: 2 });
  });

  it('GIVEN control characters inside a command line WHEN parsed THEN the line is skipped with CONTROL_CHARACTERS', () => {
    expect(codes('hostname A\ninterface Eth\u00010\n')).toContain('CONTROL_CHARACTERS');
  });

  it('GIVEN lines after end WHEN parsed THEN they are ignored and reported once', () => {
    const { config, diagnostics } = parseConfig('hostname A\nend\nhostname B\ninterface X\n');
    expect(config.hostname).toBe('A');
    expect(config.interfaces).toEqual([]);
    expect(diagnostics.filter((d) => d.code === 'CONTENT_AFTER_END').length).toBe(1);
  });
});
