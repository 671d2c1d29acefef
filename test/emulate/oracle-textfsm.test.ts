/**
 * External check of the emulator's transcripts: the ntc-templates TextFSM templates the network
 * automation community runs against real IOS output parse what the emulator prints, unmodified,
 * into records that agree with the emulator's own state (SA database, routing table), on every
 * platform, for the reference lab and the modern example, with a working and a broken pair.
 * Skips when ../shared/oracle or python3-textfsm is absent.
 */
import { describe, expect, it } from 'vitest';
import { PLATFORMS, type Platform } from '../../lib/ir/router-config.js';
import { Network, type Device } from '../../lib/emulate/index.js';
import { routingTable } from '../../lib/rules/routing.js';
import { ikeConnId } from '../../lib/emulate/conn-ids.js';
import { PAIRS, routeBasedNetwork, transcriptNetwork, type Pair, type TranscriptLab } from './transcripts.js';
import { parseWith, recordsOf, textfsmAvailable, type Record } from './textfsm.js';
import { parseLab } from '../verify/labs.js';
import { tunnelLab } from '../verify/tunnel-labs.js';

const IPSEC = 'cisco_ios_show_crypto_ipsec_sa_detail.textfsm';
const SESSION = 'cisco_ios_show_crypto_session_detail.textfsm';
const ROUTE = 'cisco_ios_show_ip_route.textfsm';

/** A network after the pair's spoke pinged the hub LAN (which fails on a broken pair). */
function exercised(lab: TranscriptLab, platform: Platform, pair: Pair): Network {
  const net = transcriptNetwork(lab, platform, pair);
  const p = PAIRS[lab];
  const ping = net.device(p.spoke).exec(`ping ${p.to} source ${p.from}`).ping!;
  expect(ping.successRate).toBe(pair === 'working' ? 100 : 0);
  return net;
}

/**
 * The template's Start state takes one flow per interface (a second `protected vrf` line inside the
 * SA sections is an error), while IOS lists every flow of an interface under one `interface:`
 * heading; each flow is therefore given to it under its interface's two heading lines.
 */
function perFlowChunks(text: string): string[] {
  const chunks: string[] = [];
  let heading: string[] = [];
  let flow: string[] | undefined;
  const flush = () => {
    if (flow) chunks.push([...heading, '', ...flow].join('\n'));
    flow = undefined;
  };
  for (const line of text.split('\n')) {
    if (line.startsWith('interface: ')) {
      flush();
      heading = [line];
    } else if (line.startsWith('    Crypto map tag:')) heading.push(line);
    else if (line === '   protected vrf: (none)') {
      flush();
      flow = [line];
    } else if (flow) flow.push(line);
  }
  flush();
  return chunks;
}

const pick = (r: Record, keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, r[k]]));

function expectedIpsecRecords(dev: Device): object[] {
  const out: object[] = [];
  for (const sa of dev.sadb.ipsec) {
    const [la, lm] = sa.localIdent.split('/');
    const [ra, rm] = sa.remoteIdent.split('/');
    for (const [orientation, half] of [
      ['inbound', sa.inbound],
      ['outbound', sa.outbound],
    ] as const) {
      out.push({
        interface: sa.interface,
        crypto_map_tag: sa.mapName,
        local_addr: sa.local,
        local_ident_addr: la,
        local_ident_mask: lm,
        remote_ident_addr: ra,
        remote_ident_mask: rm,
        current_peer: sa.peer,
        port: '500',
        pkts_encaps: String(sa.encrypted),
        pkts_decaps: String(sa.decrypted),
        current_outbound_spi_dec: String(sa.outbound.spi),
        sa_orientation: orientation,
        sa_spi_dec: String(half.spi),
        sa_status: 'ACTIVE(ACTIVE)',
      });
    }
  }
  return out;
}

const IPSEC_KEYS = Object.keys({
  interface: 0,
  crypto_map_tag: 0,
  local_addr: 0,
  local_ident_addr: 0,
  local_ident_mask: 0,
  remote_ident_addr: 0,
  remote_ident_mask: 0,
  current_peer: 0,
  port: 0,
  pkts_encaps: 0,
  pkts_decaps: 0,
  current_outbound_spi_dec: 0,
  sa_orientation: 0,
  sa_spi_dec: 0,
  sa_status: 0,
});

const byJson = (a: object, b: object) => {
  const [x, y] = [JSON.stringify(a), JSON.stringify(b)];
  return x < y ? -1 : x > y ? 1 : 0;
};

function checkIpsecSa(dev: Device): void {
  const text = dev.exec('show crypto ipsec sa detail').output;
  const chunks = perFlowChunks(text);
  const flowsWithoutSa = chunks.filter((c) => !c.includes('      spi: 0x')).length;
  const results = parseWith(IPSEC, chunks);
  const records: Record[] = [];
  results.forEach((r, i) => {
    if ('error' in r) throw new Error(`${IPSEC} rejected flow ${i} of ${dev.hostname}: ${r.error}\n${chunks[i]}`);
    records.push(...r.records);
  });
  expect(records.map((r) => pick(r, IPSEC_KEYS)).sort(byJson)).toEqual(expectedIpsecRecords(dev).sort(byJson));
  // Lifetimes left are within the SA's lifetimes; a flow without SAs gives no record.
  for (const r of records) {
    const spi = Number(r.sa_spi_dec);
    const sa = dev.sadb.ipsec.find((x) => x.inbound.spi === spi || x.outbound.spi === spi);
    expect(Number(r.sa_lifetime_sec)).toBeLessThanOrEqual(sa?.lifetimeSeconds ?? -1);
    expect(Number(r.sa_lifetime_kbytes)).toBeLessThanOrEqual(sa?.lifetimeKilobytes ?? -1);
  }
  expect(chunks.length).toBe(flowsWithoutSa + dev.sadb.ipsec.length);
}

/** The sessions the SA database implies: per IKE SA, per failed main mode, the other set peers DOWN. */
function expectedSessions(dev: Device): object[] {
  const out = new Map<string, object>();
  for (const s of dev.sadb.ike) {
    const active = dev.sadb.ipsec.some((x) => x.peer === s.remote && x.local === s.local);
    out.set(s.remote, {
      peer: s.remote,
      session_status: active ? 'UP-ACTIVE' : 'UP-IDLE',
      ikev1_status: 'Active',
      local_ip: s.local,
      conn_id: String(ikeConnId(dev.config.platform, s.connId)),
    });
  }
  for (const s of dev.sadb.failedIke) {
    if (!out.has(s.remote)) {
      out.set(s.remote, {
        peer: s.remote,
        session_status: 'DOWN-NEGOTIATING',
        ikev1_status: 'Inactive',
        local_ip: s.local,
        conn_id: '0',
      });
    }
  }
  for (const m of dev.config.cryptoMaps) {
    for (const e of m.entries) {
      const peer = e.peers[0];
      if (peer !== undefined && !out.has(peer)) {
        out.set(peer, { peer, session_status: 'DOWN', ikev1_status: '', local_ip: '', conn_id: '' });
      }
    }
  }
  return [...out.values()];
}

function checkSession(dev: Device): void {
  const records = recordsOf(SESSION, dev.exec('show crypto session detail').output);
  const keys = ['peer', 'session_status', 'ikev1_status', 'local_ip', 'conn_id'];
  expect(records.map((r) => pick(r, keys)).sort(byJson)).toEqual(expectedSessions(dev).sort(byJson));
  for (const r of records) {
    expect(r.interface).toBe(dev.config.interfaces.find((i) => i.cryptoMap)!.name);
    expect(r.port).toBe('500');
  }
}

function expectedRoutes(dev: Device): object[] {
  const out: object[] = [];
  for (const r of routingTable(dev.config).routes) {
    for (const path of [r, ...(r.equalCost ?? [])]) {
      const viaHop = path.source === 'static' && path.nextHop !== undefined;
      out.push({
        protocol: path.source === 'connected' ? 'C' : 'S',
        flag: r.prefix.prefixLength === 0 ? '*' : '',
        network: r.prefix.address,
        prefix_length: String(r.prefix.prefixLength),
        nexthop_ip: viaHop ? path.nextHop : '',
        nexthop_if: viaHop ? '' : path.exitInterface,
      });
    }
  }
  if (dev.config.platform === 'ios-12.2') return out;
  for (const i of dev.config.interfaces) {
    if (i.shutdown) continue;
    for (const a of [...(i.address ? [i.address] : []), ...i.secondaryAddresses]) {
      if (a.prefixLength === 32) continue;
      out.push({ protocol: 'L', flag: '', network: a.ip, prefix_length: '32', nexthop_ip: '', nexthop_if: i.name });
    }
  }
  return out;
}

function checkRoutes(dev: Device): void {
  const records = recordsOf(ROUTE, dev.exec('show ip route').output);
  const keys = ['protocol', 'flag', 'network', 'prefix_length', 'nexthop_ip', 'nexthop_if'];
  expect(records.map((r) => pick(r, keys)).sort(byJson)).toEqual(expectedRoutes(dev).sort(byJson));
}

const LABS: readonly TranscriptLab[] = ['seed-lab', 'modern'];
const PAIR_KINDS: readonly Pair[] = ['working', 'broken'];

describe.skipIf(!textfsmAvailable())('ntc-templates parse the emulator transcripts into its own state', () => {
  for (const lab of LABS) {
    for (const platform of PLATFORMS) {
      for (const pair of PAIR_KINDS) {
        it(`GIVEN the ${lab} on ${platform} with a ${pair} pair WHEN shown THEN the templates' records agree with the SA database and routing table`, () => {
          const net = exercised(lab, platform, pair);
          const p = PAIRS[lab];
          for (const name of [p.spoke, p.hub]) {
            const dev = net.device(name);
            checkRoutes(dev);
            if (platform === 'ios-12.2') continue;
            checkIpsecSa(dev);
            checkSession(dev);
          }
          const spoke = net.device(p.spoke);
          expect(spoke.sadb.ipsec.length > 0).toBe(pair === 'working');
        });
      }
    }
  }

  it.each(['svti', 'svti-ikev2'] as const)(
    'GIVEN the %s static-VTI network after a spoke-to-spoke ping WHEN shown THEN the templates read the tunnel SAs and sessions as the SA database holds them',
    (lab) => {
      const net = Network.fromParsed(parseLab(tunnelLab(lab)));
      expect(net.device('Spoke1').exec('ping 10.2.0.1 source 10.1.0.1').ping!.successRate).toBe(100);
      for (const name of ['Spoke1', 'Hub', 'Spoke3']) {
        const dev = net.device(name);
        checkRoutes(dev);
        checkIpsecSa(dev);
        const records = recordsOf(SESSION, dev.exec('show crypto session detail').output);
        const tunnels = dev.config.interfaces.filter((i) => i.tunnel?.destination !== undefined);
        expect(records.map((r) => pick(r, ['interface', 'peer', 'session_status', 'src_host', 'active_sa']))).toEqual(
          tunnels.map((t) => {
            const up = dev.sadb.ipsec.some((s) => s.interface === t.name);
            return {
              interface: t.name,
              peer: t.tunnel!.destination,
              session_status: up ? 'UP-ACTIVE' : 'DOWN',
              src_host: '0.0.0.0',
              active_sa: up ? '2' : '0',
            };
          }),
        );
      }
    },
  );

  for (const platform of PLATFORMS) {
    it(`GIVEN the static-VTI and GRE networks on ${platform} after a spoke-to-spoke ping WHEN show ip route is parsed THEN its records are the routing table, routes into tunnels included`, () => {
      for (const lab of ['svti', 'gre'] as const) {
        const net = routeBasedNetwork(lab, platform);
        expect(net.device('Spoke1').exec('ping 10.2.0.1 source 10.1.0.1').ping!.successRate).toBe(100);
        for (const name of ['Hub', 'Spoke1']) {
          const dev = net.device(name);
          expect(routingTable(dev.config).routes.some((r) => r.exitInterface.startsWith('Tunnel'))).toBe(true);
          checkRoutes(dev);
        }
      }
    });
  }

  it('GIVEN IOS 12.2 WHEN show crypto ipsec sa detail is parsed THEN the template stops at the 12.2 heading (`local addr.`), which predates its layout', () => {
    const net = exercised('seed-lab', 'ios-12.2', 'working');
    const [r] = parseWith(IPSEC, [net.device('Spoke1').exec('show crypto ipsec sa detail').output]);
    expect(r).toEqual({ error: expect.stringContaining('Crypto map tag: mymap, local addr. 10.1.2.1') });
  });

  it('GIVEN IOS 12.2 WHEN show crypto session is typed THEN it is refused as on 12.2 mainline (no such command)', () => {
    const net = exercised('seed-lab', 'ios-12.2', 'working');
    const r = net.device('Spoke1').exec('show crypto session detail');
    expect(r.ok).toBe(false);
    expect(r.output).toBe(`${' '.repeat('Spoke1 show crypto '.length)}^\n% Invalid input detected at '^' marker.\n`);
  });

  it('GIVEN a real capture WHEN parsed by the helper THEN the expected record count comes out (the helper is wired right)', () => {
    const records = recordsOf(
      ROUTE,
      'Gateway of last resort is not set\n\nC    10.0.0.0/8 is directly connected, Ethernet0\n',
    );
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      protocol: 'C',
      network: '10.0.0.0',
      prefix_length: '8',
      nexthop_if: 'Ethernet0',
    });
  });
});
