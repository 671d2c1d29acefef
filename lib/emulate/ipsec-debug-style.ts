/**
 * `debug crypto ipsec` in the IOS 15 / IOS-XE words (docs/emulator.md#debug), rewritten from the
 * IOS 12.2 text the negotiation writes (ike-text.ts), after a public IOS-XE capture of a
 * site-to-site responder (`debug crypto ipsec` on a CSR1000v): the key-engine message gives ports
 * (`local= A:0, remote= B:0`), proxies with protocol 256 for `ip` and no `(type=N)` tag, the
 * transform with its mode (`esp-aes 256 esp-sha512-hmac  (Tunnel), `), the key size of the cipher
 * and `flags= 0x0` in the responder's check, which is announced on a line of its own (`proposal
 * part #1`) and followed by the crypto map database's `proxy_match`; `IPSEC(create_sa)` prints
 * `sa_proto= 50`. Display only.
 */
import type { RouterConfig } from '../ir/router-config.js';
import { normalizeTransform } from '../rules/ike-phase2.js';

/** The mode a transform list runs in on this router: its configured set's, tunnel otherwise. */
function modeOf(config: RouterConfig | undefined, transforms: string): string {
  const want = transforms
    .trim()
    .split(/\s+(?=esp-|ah-|comp-)/)
    .map(normalizeTransform)
    .join(' ');
  const set = config?.transformSets.find((t) => t.transforms.map(normalizeTransform).join(' ') === want);
  return set?.mode !== undefined && set.mode !== 'tunnel' ? 'Transport' : 'Tunnel';
}

/** The key size IOS prints for a transform list: the AES key length, 0 otherwise. */
function keySize(transforms: string): number {
  const m = /esp-(?:aes|gcm)(?: (\d+))?/.exec(transforms);
  return m ? Number(m[1] ?? 128) : 0;
}

/** The key-engine message body in the modern words. */
function body(text: string, config: RouterConfig | undefined, responder: boolean): string {
  let transforms = '';
  return text
    .replace(/local= (\S+), remote= (\S+),/, 'local= $1:0, remote= $2:0,')
    .replace(
      /(local|remote)_proxy= ([^/\s]+)\/([^/\s]+)\/(\d+)\/(\d+) \(type=\d+\),/g,
      (_all, side: string, addr: string, mask: string, proto: string, port: string) =>
        `${side}_proxy= ${addr}/${mask}/${proto === '0' ? '256' : proto}/${port},`,
    )
    .replace(/transform= (.+?) ,\n/, (_all, t: string) => {
      transforms = t;
      return `transform= ${t}  (${modeOf(config, t)}), \n`;
    })
    .replace(/lifedur= (\d+)s and (\d+)kb,/, 'lifedur= $1s and $2kb, ')
    .replace(
      /keysize= 0, flags= (\S+)$/,
      (_all, flags: string) => `keysize= ${keySize(transforms)}, flags= ${responder ? '0x0' : flags}`,
    );
}

/**
 * `Crypto mapdb : proxy_match` for the proxies of a message: the addresses and the proxies' protocol
 * (0 for `ip`, as the capture prints it; 47 for the GRE proxies of a protected GRE tunnel).
 */
function proxyMatch(text: string): string | undefined {
  const src = /local_proxy= ([^/\s]+)\/[^/\s]+\/(\d+)\//.exec(text);
  const dst = /remote_proxy= ([^/\s]+)\//.exec(text);
  if (!src || !dst) return undefined;
  return [
    'Crypto mapdb : proxy_match',
    `        src addr     : ${src[1]}`,
    `        dst addr     : ${dst[1]}`,
    `        protocol     : ${src[2]}`,
    '        src port     : 0',
    '        dst port     : 0',
  ].join('\n');
}

/** One `debug crypto ipsec` message as IOS 15 / IOS-XE print it (possibly several messages). */
export function modernIpsecDebug(message: string, config?: RouterConfig): string[] {
  const validate = /^IPSEC\(validate_proposal_request\): proposal part #1,\n/.exec(message);
  if (validate) {
    const rewritten = `IPSEC(validate_proposal_request): proposal part #1,\n${body(message.slice(validate[0].length), config, true)}`;
    const match = proxyMatch(message);
    return ['IPSEC(validate_proposal_request): proposal part #1', rewritten, ...(match ? [match] : [])];
  }
  if (message.startsWith('IPSEC(sa_request)')) return [body(message, config, false)];
  if (message.startsWith('IPSEC(create_sa)'))
    return [message.replace(/sa_prot= 50,/, 'sa_proto= 50, ').replace(/sa_spi= (\S+),\n/, 'sa_spi= $1, \n')];
  return [message];
}
