import { describe, expect, it } from 'vitest';
import { NAMED_IP_PROTOCOLS, OTHER_IP_PROTOCOLS, TCP_PORTS, UDP_PORTS } from '../../lib/ir/protocols.js';
import { parseConfig } from '../../lib/parse/index.js';
import { protocolInterval } from '../../lib/rules/acl-line.js';

function parsedRule(body: string) {
  const { config } = parseConfig(`hostname r\naccess-list 101 ${body}\n`, { file: 'r.cfg' });
  const entry = config.accessLists[0]?.entries[0];
  if (entry?.kind !== 'rule') throw new Error(`"${body}" did not parse to a rule`);
  return entry;
}

describe('IP protocol and port vocabulary', () => {
  it('GIVEN every protocol keyword of the table WHEN an ACL line names it THEN the ACL rule matches exactly its IP protocol number', () => {
    for (const [name, number] of Object.entries({ ...NAMED_IP_PROTOCOLS, ...OTHER_IP_PROTOCOLS })) {
      const expected = name === 'ip' ? [0, 255] : [number, number];
      expect(protocolInterval(parsedRule(`permit ${name} any any`).protocol), name).toEqual(expected);
    }
  });

  it('GIVEN every TCP and UDP port name WHEN an ACL line names it THEN the parser reads its number', () => {
    for (const [protocol, table] of [
      ['tcp', TCP_PORTS],
      ['udp', UDP_PORTS],
    ] as const) {
      for (const [name, port] of Object.entries(table)) {
        expect(parsedRule(`permit ${protocol} any any eq ${name}`).destinationPort, `${protocol} ${name}`).toEqual({
          op: 'eq',
          ports: [port],
        });
      }
    }
  });
});
