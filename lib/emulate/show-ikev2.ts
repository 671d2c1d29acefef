/**
 * `show crypto ikev2 sa [detailed]` in the IOS 15 / IOS-XE layout (public captures of CSR1000v and
 * ISR routers, e.g. the Azure and AWS site-to-site VPN guides): per SA a tunnel id, local and
 * remote address/port, fvrf/ivrf and status, then the suite (`Encr`, `keysize`, `PRF`, `Hash`,
 * `DH Grp`, `Auth sign`, `Auth verify`) and `Life/Active Time`; `detailed` adds the SPIs, the
 * identities, DPD and the initiator flag. IOS 12.2 has no IKEv2 and no such command.
 */
import { appendAll } from '../ir/collections.js';
import type { Ikev2Identity } from '../ir/router-config.js';
import { IKEV2_SUPPORTED } from '../ir/ikev2-vocabulary.js';
import type { Ikev2Sa, NegotiatingIkev2Sa } from './sa-database.js';
import type { DeviceCore } from './types.js';

const ENCR: Readonly<Record<string, [string, number | undefined]>> = {
  'aes-cbc-128': ['AES-CBC', 128],
  'aes-cbc-192': ['AES-CBC', 192],
  'aes-cbc-256': ['AES-CBC', 256],
  'aes-gcm-128': ['AES-GCM', 128],
  'aes-gcm-256': ['AES-GCM', 256],
  '3des': ['3DES', undefined],
  des: ['DES', undefined],
};
const HASH: Readonly<Record<string, string>> = {
  sha512: 'SHA512',
  sha384: 'SHA384',
  sha256: 'SHA256',
  sha1: 'SHA96',
  md5: 'MD596',
};
const PRF: Readonly<Record<string, string>> = {
  sha512: 'SHA512',
  sha384: 'SHA384',
  sha256: 'SHA256',
  sha1: 'SHA1',
  md5: 'MD5',
};

function idText(id: Ikev2Identity): string {
  return id.kind === 'address' ? id.address : id.value;
}

function saLines(sa: Ikev2Sa, now: number, detailed: boolean): string[] {
  const [encr, size] = ENCR[sa.suite.encryption] ?? [sa.suite.encryption.toUpperCase(), undefined];
  const hash = sa.suite.integrity === undefined ? 'None' : (HASH[sa.suite.integrity] ?? sa.suite.integrity);
  const active = Math.max(0, Math.floor((now - sa.createdAt) / 1000));
  const out = [
    'Tunnel-id Local                 Remote                fvrf/ivrf            Status ',
    `${String(sa.tunnelId).padEnd(10)}${`${sa.local}/500`.padEnd(22)}${`${sa.remote}/500`.padEnd(22)}${'none/none'.padEnd(21)}READY  `,
    `      Encr: ${encr},${size !== undefined ? ` keysize: ${size},` : ''} PRF: ${PRF[sa.suite.prf] ?? sa.suite.prf}, Hash: ${hash}, DH Grp:${sa.suite.group}, Auth sign: ${sa.signMethod}, Auth verify: ${sa.verifyMethod}`,
    `      Life/Active Time: ${sa.lifetime}/${active} sec`,
  ];
  if (detailed) {
    out.push(
      `      CE id: ${1000 + sa.tunnelId}, Session-id: ${sa.tunnelId}`,
      '      Status Description: Negotiation done',
      `      Local spi: ${sa.localSpi}       Remote spi: ${sa.remoteSpi}`,
      `      Local id: ${idText(sa.localIdentity)}`,
      `      Remote id: ${idText(sa.remoteIdentity)}`,
      sa.dpd
        ? `      DPD configured for ${sa.dpd.interval} seconds, retry ${sa.dpd.retry}`
        : '      DPD configured for 0 seconds, retry 0',
      '      NAT-T is not detected  ',
      `      Initiator of SA : ${sa.initiator ? 'Yes' : 'No'}`,
    );
  }
  return out;
}

/**
 * An SA whose IKE_SA_INIT was never answered (docs/ios-semantics.md#ike-states-after-a-failure):
 * `IN-NEG`, no suite agreed yet, never active (public captures of an unanswered IKEv2 initiator
 * print exactly these `Unknown - 0` fields).
 */
function negotiatingLines(sa: NegotiatingIkev2Sa): string[] {
  return [
    'Tunnel-id Local                 Remote                fvrf/ivrf            Status ',
    `${String(sa.tunnelId).padEnd(10)}${`${sa.local}/500`.padEnd(22)}${`${sa.remote}/500`.padEnd(22)}${'none/none'.padEnd(21)}IN-NEG `,
    '      Encr: Unknown - 0, PRF: Unknown - 0, Hash: None, DH Grp:0, Auth sign: Unknown - 0, Auth verify: Unknown - 0',
    `      Life/Active Time: ${sa.lifetime}/0 sec`,
  ];
}

/** `show crypto ikev2 sa [detailed]`, or undefined on a platform without IKEv2. */
export function showCryptoIkev2Sa(dev: DeviceCore, now: number, detailed: boolean): string | undefined {
  if (!IKEV2_SUPPORTED[dev.config.platform]) return undefined;
  const lines = [' IPv4 Crypto IKEv2  SA ', ''];
  const rows = [
    ...dev.sadb.ikev2.map((sa) => ({ id: sa.tunnelId, text: () => saLines(sa, now, detailed) })),
    ...dev.sadb.negotiatingIkev2.map((sa) => ({ id: sa.tunnelId, text: () => negotiatingLines(sa) })),
  ].sort((a, b) => a.id - b.id);
  for (const row of rows) {
    appendAll(lines, row.text());
    lines.push('');
  }
  lines.push(' IPv6 Crypto IKEv2  SA ', '');
  return `${lines.join('\n')}\n`;
}
