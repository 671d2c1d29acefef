/**
 * NAT traversal lines (docs/ios-semantics.md#nat-traversal): `no crypto ipsec nat-transparency
 * udp-encapsulation` and `crypto isakmp nat keepalive S` are read into the IR, rendered back, and
 * undone by their `no` forms; malformed keepalives are rejected with the line.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../lib/parse/index.js';
import { renderConfig } from '../../lib/render/index.js';

const parse = (text: string) => parseConfig(text, { file: 't.cfg' });
const HEAD = ['version 15.4', 'hostname R1'];

describe('GIVEN NAT traversal turned off and NAT keepalives', () => {
  const text = [...HEAD, 'crypto isakmp nat keepalive 20', 'no crypto ipsec nat-transparency udp-encapsulation', 'end'];

  it('WHEN parsed THEN both are modelled (no NOT_MODELLED), with their lines, and render back', () => {
    const { config, diagnostics } = parse(text.join('\n'));
    expect(diagnostics).toEqual([]);
    expect(config.options.natKeepalive).toMatchObject({ seconds: 20, loc: { line: 3 } });
    expect(config.options.natTraversalDisabled).toMatchObject({ loc: { line: 4 } });
    const again = parse(renderConfig(config).text).config.options;
    expect(again.natKeepalive?.seconds).toBe(20);
    expect(again.natTraversalDisabled).toBeDefined();
  });

  it('WHEN followed by their opposites THEN NAT traversal is on again and no keepalive is left', () => {
    const undone = [
      ...text.slice(0, -1),
      'crypto ipsec nat-transparency udp-encapsulation',
      'no crypto isakmp nat keepalive',
      'end',
    ];
    const { config, diagnostics } = parse(undone.join('\n'));
    expect(diagnostics).toEqual([]);
    expect(config.options.natKeepalive).toBeUndefined();
    expect(config.options.natTraversalDisabled).toBeUndefined();
  });

  it('WHEN the keepalive is out of range THEN the line is rejected naming the range', () => {
    const { config, diagnostics } = parse([...HEAD, 'crypto isakmp nat keepalive 4', 'end'].join('\n'));
    expect(config.options.natKeepalive).toBeUndefined();
    expect(diagnostics).toMatchObject([{ line: 3, severity: 'error', message: expect.stringContaining('5-3600') }]);
  });

  it('WHEN SPI matching (ESP through NAT without UDP) is configured THEN it is relevant and unmodelled', () => {
    const { diagnostics } = parse([...HEAD, 'crypto ipsec nat-transparency spi-matching', 'end'].join('\n'));
    expect(diagnostics.map((d) => d.code)).toEqual(['NOT_MODELLED']);
  });
});
