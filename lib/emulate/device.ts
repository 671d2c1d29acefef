/**
 * One emulated router: its parsed configuration, its SA database, its debug switches and its
 * console. Console messages (debug output when the matching `debug` is on, syslog messages such as
 * `%CRYPTO-4-RECVD_PKT_NOT_IPSEC` always) are stamped with the network's virtual clock and shown
 * on this router's console: in the output of the command that caused them, or, when another
 * router's command caused them, at the start of this router's next command output.
 */
import { AclCounters } from './acl-counters.js';
import { TunnelCounters } from './tunnel-counters.js';
import { namedInterface, showIpInterfaceBrief, showTunnelInterface } from './show-interfaces.js';
import { VirtualAccessTable } from './virtual-access.js';
import { isTunnelInterface } from '../rules/tunnels.js';
import { clearIkev2, type Ikev2ClearFilter } from './clear-ikev2.js';
import { IKEV2_SUPPORTED } from '../ir/ikev2-vocabulary.js';
import { IKE_PHASE1_RETRANSMIT_SECONDS } from '../ir/ike-vocabulary.js';
import { DebugStyler } from './debug-style.js';
import type { InterfaceConfig, RouterConfig, StaticRoute } from '../ir/router-config.js';
import { compileAcl } from '../rules/acl.js';
import { compileCryptoMap } from '../rules/crypto-map.js';
import { reverseRoute } from '../rules/dynamic-map.js';
import { showCryptoIkev2Sa } from './show-ikev2.js';
import { redactConfigText } from '../ir/secrets.js';
import { runningConfig } from './running-config.js';
import { execute, type ExecResult } from './console.js';
import { ipToNumber } from '../ir/ipv4.js';
import { runPing, type PingOptions, type PingResult } from './ping.js';
import { SaDatabase } from './sa-database.js';
import { showCryptoIpsecSa } from './show-ipsec-sa.js';
import { showCryptoSession } from './show-crypto-session.js';
import {
  showCryptoEngineConnections,
  showCryptoIsakmpSa,
  showCryptoIsakmpSaDetail,
  engineConnections,
  type EngineConnection,
} from './show-crypto.js';
import { showAccessLists } from './show-access-lists.js';
import { showCryptoMap } from './show-crypto-map.js';
import { showIpRoute } from './show-ip-route.js';
import { showCryptoIsakmpPolicy } from './show-isakmp-policy.js';
import type { ConsoleKind, DeviceCore, Fabric } from './types.js';
import { expireAll } from './sa-rekey.js';
import { runDpdUntil } from './dpd-timers.js';

/** An emulated router. Get one with `network.device(hostname)`. */
export class Device implements DeviceCore {
  readonly hostname: string;
  /** The configuration as it runs: the parsed one plus the reverse routes of current SAs. */
  get config(): RouterConfig {
    return this.running;
  }
  private readonly base: RouterConfig;
  private running: RouterConfig;
  /** File the configuration came from. @default - built from IR */
  readonly file?: string;
  readonly sadb: SaDatabase;
  /** @internal */ readonly aclCounters = new AclCounters();
  /** @internal */ readonly tunnelCounters = new TunnelCounters();
  /** @internal */ readonly virtualAccess = new VirtualAccessTable();
  /** Every console line this router printed or queued, in order (for tests and transcripts). */
  readonly consoleHistory: string[] = [];
  private debugIsakmp = false;
  private debugIpsec = false;
  private debugIkev2 = false;
  private pending: string[] = [];
  private readonly owned = new Map<number, InterfaceConfig>();
  /** Rewrites debug lines into the platform's words (IOS 15 / IOS-XE prefixes and state lines). */
  private readonly debugStyle: DebugStyler;

  /** @internal Created by `Network`. */
  constructor(
    private readonly fabric: Fabric,
    config: RouterConfig,
    file?: string,
    private readonly text?: string,
  ) {
    this.hostname = config.hostname;
    this.base = config;
    this.running = config;
    if (file !== undefined) this.file = file;
    this.sadb = new SaDatabase(config.hostname);
    this.debugStyle = new DebugStyler(config.platform, config);
    for (const i of config.interfaces) {
      if (i.shutdown) continue;
      for (const a of [...(i.address ? [i.address] : []), ...i.secondaryAddresses]) this.owned.set(ipToNumber(a.ip), i);
    }
  }

  /** The up interface owning an address. */
  interfaceOwning(address: number): InterfaceConfig | undefined {
    return this.owned.get(address);
  }

  /** Queues a console message; debug messages only while that debug is on. Never given a key. */
  log(kind: ConsoleKind, message: string | (() => string)): void {
    if (!this.wants(kind)) return;
    for (const text of this.debugStyle.lines(kind, typeof message === 'string' ? message : message())) {
      const line = `${this.fabric.clock.stamp()} ${text}`;
      this.fabric.clock.advance(1);
      this.pending.push(line);
      this.consoleHistory.push(line);
    }
  }

  /** True when messages of this kind are printed (the matching debug is on, or syslog). */
  wants(kind: ConsoleKind): boolean {
    if (kind === 'syslog') return true;
    return kind === 'isakmp' ? this.debugIsakmp : kind === 'ipsec' ? this.debugIpsec : this.debugIkev2;
  }

  /** Waits one IKE retransmission interval when the network runs with `ikeTiming`. */
  retransmitWait(): void {
    if (this.fabric.options.ikeTiming) this.fabric.clock.advance(IKE_PHASE1_RETRANSMIT_SECONDS * 1000);
  }

  /** Takes the queued console messages. */
  takePendingLog(): string[] {
    const out = this.pending;
    this.pending = [];
    return out;
  }

  /**
   * Runs an exec-mode command (`ping`, `show ...`, `clear crypto sa|isakmp`, `debug crypto
   * isakmp|ipsec`, `undebug all`) and returns IOS-like output; `ok` is false when IOS would refuse
   * the input. Messages queued by other routers' activity come first in the output.
   */
  exec(command: string): ExecResult {
    this.assertPowered();
    // docs/ios-semantics.md#dead-peer-detection: DPD ticks due in this second fire on the way.
    runDpdUntil(this.fabric, this.fabric.clock.now + 1000);
    this.fabric.runDueProbes?.();
    expireAll(this.fabric);
    const before = this.takePendingLog();
    const result = execute(this, command);
    const after = this.takePendingLog();
    const prefix = before.length > 0 ? `${before.join('\n')}\n` : '';
    const suffix = after.length > 0 ? `${after.join('\n')}\n` : '';
    return { ...result, output: prefix + result.output + suffix };
  }

  /** Pings from this router (the structured form of the `ping` command). */
  ping(options: PingOptions): PingResult {
    this.assertPowered();
    runDpdUntil(this.fabric, this.fabric.clock.now);
    this.fabric.runDueProbes?.();
    return runPing(this.fabric, this, options, () => this.takePendingLog());
  }

  private powered = true;

  /** False while the network holds this router powered off (`network.powerOff`). */
  get poweredOn(): boolean {
    return this.powered;
  }

  /**
   * @internal Powers the router off (true) or boots it again (false): a boot starts with no SAs,
   * no debugs, no counters and nothing queued, as after a reload.
   */
  setPoweredOff(off: boolean): void {
    this.powered = !off;
    if (!off) return;
    this.sadb.reset();
    this.aclCounters.clear();
    this.debugIsakmp = false;
    this.debugIpsec = false;
    this.pending = [];
    this.running = this.base;
  }

  private assertPowered(): void {
    if (!this.powered)
      throw new Error(`router ${this.hostname} is powered off: network.powerOn('${this.hostname}') boots it`);
  }

  /** The engine's active connections, as `show crypto engine connections active` lists them. */
  engineConnections(): EngineConnection[] {
    return engineConnections(this);
  }

  /** @internal */ showIpRoute(): string {
    return showIpRoute(this.config);
  }
  /** @internal */ showIpInterfaceBrief(): string {
    return showIpInterfaceBrief(this.config, this.virtualAccess.live(this.sadb));
  }
  /**
   * @internal `show interfaces [IF]`: the tunnel interfaces (every one without an argument); undefined
   * when the words name no interface of the router.
   */
  showInterfaces(words: readonly string[]): string | undefined {
    const now = this.fabric.clock.now;
    const virtual = this.virtualAccess.live(this.sadb);
    if (words.length === 0)
      return [...this.config.interfaces.filter(isTunnelInterface), ...virtual]
        .map((t) => showTunnelInterface(this, t, now))
        .join('');
    const i = namedInterface(this.config, words, virtual);
    if (!i) return undefined;
    if (!isTunnelInterface(i) && !virtual.includes(i)) return '% The emulator shows tunnel interfaces only\n';
    return showTunnelInterface(this, i, now);
  }
  /** @internal */ showCryptoIsakmpSa(): string {
    return showCryptoIsakmpSa(this, this.fabric.clock.now);
  }
  /** @internal */ showCryptoIsakmpSaDetail(): string {
    return showCryptoIsakmpSaDetail(this, this.fabric.clock.now);
  }
  /** @internal */ showCryptoIkev2Sa(detailed: boolean): string | undefined {
    return showCryptoIkev2Sa(this, this.fabric.clock.now, detailed);
  }
  /** @internal */ showCryptoIsakmpPolicy(): string {
    return showCryptoIsakmpPolicy(this);
  }
  /** @internal */ showCryptoIpsecSa(detail = false): string {
    return showCryptoIpsecSa(this, this.fabric.clock.now, detail);
  }
  /** @internal */ showCryptoSession(detail: boolean): string | undefined {
    return showCryptoSession(this, this.fabric.clock.now, detail);
  }
  /** @internal */ showCryptoMap(tag?: string): string {
    return showCryptoMap(this, tag);
  }
  /** @internal */ showAccessLists(name?: string): string {
    return showAccessLists(this, name);
  }
  /** @internal */ clearAccessListCounters(): void {
    this.aclCounters.clear();
  }
  /** @internal */ showCryptoEngineConnections(): string {
    return showCryptoEngineConnections(this);
  }
  /**
   * @internal Secrets in the form the platform stores them, each shown as `<redacted>`
   * (running-config.ts over lib/ir/secrets.ts): the emulator never prints one.
   */
  showRunningConfig(): string {
    if (this.text === undefined) return '% The configuration text of this router is not available (built from IR)\n';
    return runningConfig(this.text, this.config.platform);
  }

  /** `clear crypto sa`: deletes this router's IPsec SAs; the peers delete their halves (delete notify). */
  clearCryptoSa(): void {
    // The peer's inbound SPI is our outbound one and vice versa.
    const pairs = new Set(this.sadb.clearIpsec().map((sa) => `${sa.outbound.spi}/${sa.inbound.spi}`));
    this.syncReverseRoutes();
    if (pairs.size === 0) return;
    for (const other of this.fabric.cores()) {
      if (other === this) continue;
      other.sadb.clearIpsec((s) => pairs.has(`${s.inbound.spi}/${s.outbound.spi}`));
      other.syncReverseRoutes();
    }
  }

  /**
   * docs/ios-semantics.md#reverse-route: the routes `reverse-route` installs while the SAs of a
   * dynamic entry exist, recomputed from the SA database after it changed.
   */
  syncReverseRoutes(): void {
    const routes = reverseRoutesOf(this.base, this.sadb);
    const same =
      routes.length === this.running.staticRoutes.length - this.base.staticRoutes.length &&
      routes.every((r, i) => sameRoute(r, this.running.staticRoutes[this.base.staticRoutes.length + i]));
    if (same) return;
    this.running =
      routes.length === 0 ? this.base : { ...this.base, staticRoutes: [...this.base.staticRoutes, ...routes] };
  }

  /** `clear crypto isakmp`: deletes this router's IKE SAs and the peers' matching ones. */
  clearCryptoIsakmp(): void {
    for (const sa of this.sadb.clearIke()) {
      for (const other of this.fabric.cores()) {
        if (other === this) continue;
        const i = other.sadb.ike.findIndex((s) => s.local === sa.remote && s.remote === sa.local);
        if (i >= 0) other.sadb.ike.splice(i, 1);
      }
    }
  }

  /** @internal True where the platform has IKEv2 (`debug crypto ikev2`, `clear crypto ikev2 sa`). */
  hasIkev2(): boolean {
    return IKEV2_SUPPORTED[this.config.platform];
  }

  /** `clear crypto ikev2 sa [local A | remote A]`: the matching IKEv2 SAs and their child SAs go on both ends. */
  clearCryptoIkev2Sa(filter: Ikev2ClearFilter = {}): void {
    clearIkev2(this.fabric, this, filter);
  }

  /** Turns debugs on or off. */
  setDebug(kind: 'isakmp' | 'ipsec' | 'ikev2' | 'all', on: boolean): void {
    if (kind === 'isakmp' || kind === 'all') this.debugIsakmp = on;
    if (kind === 'ipsec' || kind === 'all') this.debugIpsec = on;
    if (kind === 'ikev2' || kind === 'all') this.debugIkev2 = on;
  }
}

const sameRoute = (a: StaticRoute, b: StaticRoute | undefined): boolean =>
  b !== undefined &&
  a.prefix.address === b.prefix.address &&
  a.prefix.prefixLength === b.prefix.prefixLength &&
  a.nextHop === b.nextHop;

/** The reverse routes of the SAs in `sadb` filed under dynamic entries with `reverse-route`, without repeats. */
function reverseRoutesOf(config: RouterConfig, sadb: SaDatabase): StaticRoute[] {
  const out: StaticRoute[] = [];
  const seen = new Set<string>();
  for (const sa of sadb.ipsec) {
    const map = config.cryptoMaps.find((m) => m.name === sa.mapName);
    if (!map) continue;
    const line = sadb.lineOf(sa) as { readonly rule?: unknown } | undefined;
    const ce = compileCryptoMap(config, map).entries.find(
      (e) =>
        e.dynamic !== undefined &&
        e.entry.seq === sa.seq &&
        e.acl !== undefined &&
        compileAcl(e.acl).lines.some((l) => l.rule === line?.rule),
    );
    const route = ce ? reverseRoute(ce, sa.proxy, sa.peer) : undefined;
    if (!route) continue;
    const key = `${route.prefix.address}/${route.prefix.prefixLength}>${route.nextHop}`;
    if (!seen.has(key)) out.push(route);
    seen.add(key);
  }
  return out;
}

/** The configuration text with every secret replaced by `<redacted>`. */
export function redactKeys(text: string): string {
  return redactConfigText(text);
}
