/**
 * `interface NAME` blocks: addresses, shutdown, description, crypto map, switching-path lines.
 * Lines the IR does not model stay in the interface's `extraLines`; the ones that change
 * forwarding or IPsec (VRFs, address pools; tunnel lines: `tunnel.ts`) also get a NOT_MODELLED warning.
 */
import type { InterfaceAddress } from '../ir/router-config.js';
import type { InterfaceDraft } from './config-draft.js';
import { type ParseContext, type SubMode, describeLine, restOfLine } from './context.js';
import { unreadLineClass } from './line-classes.js';
import type { ConfigLine } from './line-reader.js';
import { dottedQuad, netmaskLength } from './numbers.js';
import { negateTunnel, readTunnelLine } from './tunnel.js';

const VIRTUAL_TEMPLATE = /^virtual-template/i;

/**
 * Flattened configs have no indentation to tell an interface sub-command from the next global
 * command, so only words that exist solely inside an interface are claimed. Many `ip ...` words
 * are global commands too (`ip vrf NAME`, `ip tcp synwait-time`, `ip pim rp-address`,
 * `ip ospf name-lookup`), so those are claimed only with their interface-only second word.
 */
const CLAIMED_IP: Readonly<Record<string, ReadonlySet<string> | true>> = {
  address: true,
  unnumbered: true,
  'access-group': true,
  'helper-address': true,
  mtu: true,
  'route-cache': true,
  'mroute-cache': true,
  'virtual-reassembly': true,
  'directed-broadcast': true,
  flow: true,
  tcp: new Set(['adjust-mss']),
  ospf: new Set([
    'cost',
    'network',
    'hello-interval',
    'dead-interval',
    'authentication',
    'authentication-key',
    'message-digest-key',
    'priority',
    'mtu-ignore',
  ]),
  vrf: new Set(['forwarding']),
  policy: new Set(['route-map']),
  pim: new Set(['sparse-mode', 'dense-mode', 'sparse-dense-mode']),
  verify: new Set(['unicast']),
};
const CLAIMED_NO_IP = new Set([
  'address',
  'unnumbered',
  'access-group',
  'nat',
  'route-cache',
  'mroute-cache',
  'redirects',
  'unreachables',
  'proxy-arp',
  'directed-broadcast',
]);
const CLAIMED = new Set([
  'shutdown',
  'description',
  'duplex',
  'speed',
  'negotiation',
  'bandwidth',
  'delay',
  'keepalive',
  'mtu',
  'encapsulation',
  'tunnel',
  'standby',
  'media-type',
  'load-interval',
  'service-policy',
  'half-duplex',
  'full-duplex',
  'mop',
  'nameif',
  'security-level',
  'zone-member',
]);

/** Reads an `A M` pair into an interface address, or reports why not. */
export function readInterfaceAddress(
  ip: string | undefined,
  mask: string | undefined,
  line: number,
  ctx: ParseContext,
): InterfaceAddress | undefined {
  if (ip === undefined || mask === undefined) {
    ctx.sink.error('MISSING_ARGUMENT', line, 'ip address needs an address and a netmask');
    return undefined;
  }
  if (dottedQuad(ip) < 0) {
    ctx.sink.error('BAD_ADDRESS', line, `"${ip}" is not an IPv4 address`);
    return undefined;
  }
  const length = netmaskLength(dottedQuad(mask));
  if (length < 0) {
    ctx.sink.error('BAD_MASK', line, `"${mask}" is not a contiguous netmask`);
    return undefined;
  }
  return { ip, prefixLength: length };
}

/** Whether an `ip ...` line belongs to the interface block (flattened configs included). */
function claimsIp(words: readonly string[]): boolean {
  const [, w1, w2] = words;
  if (w1 === 'nat') return words.length === 3 && (w2 === 'inside' || w2 === 'outside');
  const claim = w1 === undefined ? undefined : CLAIMED_IP[w1];
  if (claim === undefined || !Object.prototype.hasOwnProperty.call(CLAIMED_IP, w1!)) return false;
  return claim === true || (w2 !== undefined && claim.has(w2));
}

/** Whether a `no ...` line belongs to the interface block (flattened configs included). */
function claimsNo(words: readonly string[]): boolean {
  const [, w1, w2] = words;
  return (
    w1 === 'shutdown' ||
    w1 === 'keepalive' ||
    (w1 === 'cdp' && w2 === 'enable') ||
    w1 === 'description' ||
    (w1 === 'crypto' && w2 === 'map' && words.length <= 4) ||
    w1 === 'tunnel' ||
    (w1 === 'ip' && w2 !== undefined && CLAIMED_NO_IP.has(w2))
  );
}

/** The sub-mode of one `interface` block. */
export class InterfaceMode implements SubMode {
  constructor(
    readonly indent: number,
    private readonly intf: InterfaceDraft,
  ) {}

  claims(words: readonly string[]): boolean {
    const [w0, w1] = words;
    if (w0 === undefined) return false;
    if (CLAIMED.has(w0)) return true;
    if (w0 === 'vrf') return w1 === 'forwarding';
    if (w0 === 'cdp') return w1 === 'enable';
    if (w0 === 'ip') return claimsIp(words);
    if (w0 === 'no') return claimsNo(words);
    // `crypto map NAME` with three words exists only inside an interface.
    return w0 === 'crypto' && w1 === 'map' && words.length === 3;
  }

  handle(line: ConfigLine, ctx: ParseContext): void {
    const intf = this.intf;
    const w = line.words;
    const unmodelled = (what: string): void => {
      ctx.sink.warning(
        'NOT_MODELLED',
        line.line,
        `${what} on interface ${intf.name} is not modelled: hubspoke ignores it, but it can change IPsec or routing behaviour`,
      );
      intf.extraLines.push(line.text.trimStart());
    };
    // A line the reader does not read is relevant unless the line table lists it as inert.
    const extra = (): void => {
      if (unreadLineClass('interface', w) === 'relevant') return unmodelled(describeLine('interface', w));
      intf.extraLines.push(line.text.trimStart());
    };
    switch (w[0]) {
      case 'description':
        intf.description = restOfLine(w, 1);
        return;
      case 'shutdown':
        intf.shutdown = true;
        return;
      case 'crypto':
        if (w[1] === 'map' && w[2] !== undefined) {
          intf.cryptoMap = w[2];
          if (w.length > 3) unmodelled(`crypto map ${w[2]} options (${w.slice(3).join(' ')})`);
          return;
        }
        return extra();
      case 'tunnel':
        return readTunnelLine(intf, line, ctx, extra);
      case 'vrf':
        return w[1] === 'forwarding' ? unmodelled('vrf forwarding') : extra();
      case 'zone-member':
        return unmodelled('zone-member (zone-based firewall)');
      case 'ip':
        return this.handleIp(line, ctx, extra, unmodelled);
      case 'no':
        return this.negate(w) ? undefined : extra();
      default:
        return extra();
    }
  }

  /** `no ...` inside the interface: back to unset. False when not understood. */
  private negate(w: readonly string[]): boolean {
    const intf = this.intf;
    if (w[1] === 'shutdown' && w.length === 2) {
      intf.shutdown = false;
      return true;
    }
    if (w[1] === 'ip') return this.negateIp(w);
    if (w[1] === 'crypto' && w[2] === 'map') {
      delete intf.cryptoMap;
      return true;
    }
    if (w[1] === 'tunnel') return negateTunnel(intf, w);
    if (w[1] === 'description') {
      delete intf.description;
      return true;
    }
    return false;
  }

  /** `no ip ...` inside the interface. False when not understood. */
  private negateIp(w: readonly string[]): boolean {
    const intf = this.intf;
    if (w.length === 3 && w[2] === 'unnumbered' && intf.unnumbered !== undefined) {
      delete intf.unnumbered;
      return true;
    }
    if (w.length === 3) {
      if (w[2] === 'address') {
        delete intf.address;
        delete intf.dynamicAddress;
        intf.secondaryAddresses = [];
        return true;
      }
      if (w[2] === 'route-cache') {
        intf.noIpRouteCache = true;
        return true;
      }
      if (w[2] === 'mroute-cache') {
        intf.noIpMrouteCache = true;
        return true;
      }
    }
    if (w[2] === 'nat' && (w[3] === 'inside' || w[3] === 'outside') && w.length === 4) {
      if (intf.nat === w[3]) delete intf.nat;
      return true;
    }
    if (w[2] === 'access-group' && (w[4] === 'in' || w[4] === 'out') && w.length === 5) {
      if (w[4] === 'in') delete intf.accessGroupIn;
      else delete intf.accessGroupOut;
      return true;
    }
    if (w[2] === 'address' && w[5] === 'secondary') {
      intf.secondaryAddresses = intf.secondaryAddresses.filter((a) => a.ip !== w[3]);
      return true;
    }
    return false;
  }

  private readAccessGroup(line: ConfigLine, ctx: ParseContext, unmodelled: (what: string) => void): void {
    const w = line.words;
    if (w[2] === undefined) {
      ctx.sink.error('MISSING_ARGUMENT', line.line, 'ip access-group needs an access list and a direction');
      return;
    }
    const dir = w[3];
    // Without a direction (old releases default to `out`) or with more words the line is not guessed.
    if ((dir !== 'in' && dir !== 'out') || w.length > 4) return unmodelled(`ip access-group ${w.slice(2).join(' ')}`);
    const value = { acl: w[2], loc: ctx.draft.loc(line.line) };
    if (dir === 'in') this.intf.accessGroupIn = value;
    else this.intf.accessGroupOut = value;
  }

  /**
   * `ip address A M [secondary]`, or an address assigned at run time: `ip address dhcp [client-id
   * IF] [hostname H]` (the options only label the lease request) or `ip address negotiated` (IPCP).
   * `ip address pool` is not modelled.
   */
  private readAddressLine(line: ConfigLine, ctx: ParseContext, unmodelled: (what: string) => void): void {
    const intf = this.intf;
    const w = line.words;
    if (w[2] === 'pool' || (w[2] === 'negotiated' && w.length > 3))
      return unmodelled(`ip address ${w.slice(2).join(' ')}`);
    if (w[2] === 'dhcp' || w[2] === 'negotiated') {
      delete intf.address;
      intf.dynamicAddress = w[2];
      return;
    }
    const address = readInterfaceAddress(w[2], w[3], line.line, ctx);
    if (address === undefined) return;
    if (w[4] === 'secondary') {
      intf.secondaryAddresses.push(address);
    } else {
      if (w.length > 4)
        ctx.sink.warning('UNKNOWN_SUBCOMMAND', line.line, `ignored words after the netmask on interface ${intf.name}`);
      intf.address = address;
      delete intf.dynamicAddress;
    }
  }

  private handleIp(line: ConfigLine, ctx: ParseContext, extra: () => void, unmodelled: (what: string) => void): void {
    const intf = this.intf;
    const w = line.words;
    if (w[1] === 'address') return this.readAddressLine(line, ctx, unmodelled);
    // docs/ios-semantics.md#nat-and-the-order-of-operations: inside/outside marks are modelled.
    if (w[1] === 'nat') {
      if (w.length === 3 && (w[2] === 'inside' || w[2] === 'outside')) {
        intf.nat = w[2];
        return;
      }
      return unmodelled(`ip nat ${w.slice(2).join(' ')}`);
    }
    if (w[1] === 'access-group') return this.readAccessGroup(line, ctx, unmodelled);
    // docs/ios-semantics.md#dynamic-vti: a virtual template's virtual-access interfaces borrow the address.
    if (w[1] === 'unnumbered' && w.length === 3 && VIRTUAL_TEMPLATE.test(intf.name)) {
      intf.unnumbered = w[2];
      return;
    }
    // Policy routing can send traffic out of another interface than the routing table says.
    if (w[1] === 'policy' && w[2] === 'route-map') return unmodelled('ip policy route-map (policy routing)');
    if (w[1] === 'vrf' && w[2] === 'forwarding') return unmodelled('ip vrf forwarding');
    if (w[1] === 'route-cache' && w.length === 2) {
      delete intf.noIpRouteCache;
      return;
    }
    if (w[1] === 'mroute-cache' && w.length === 2) {
      delete intf.noIpMrouteCache;
      return;
    }
    extra();
  }
}

/** `interface NAME`: opens (or re-opens) the interface block. */
export function startInterface(line: ConfigLine, ctx: ParseContext): SubMode | undefined {
  const name = line.words[1];
  if (name === undefined) {
    ctx.sink.error('MISSING_ARGUMENT', line.line, 'interface needs a name');
    return undefined;
  }
  let intf = ctx.draft.interfaces.get(name);
  if (intf === undefined) {
    intf = { name, secondaryAddresses: [], shutdown: false, extraLines: [], loc: ctx.draft.loc(line.line) };
    ctx.draft.interfaces.set(name, intf);
  }
  // `interface Virtual-TemplateN type tunnel`: a dynamic VTI template (docs/ios-semantics.md#dynamic-vti).
  if (line.words[2] === 'type' && line.words[3] !== undefined && line.words.length === 4)
    intf.interfaceType = line.words[3];
  return new InterfaceMode(line.indent, intf);
}
