/**
 * Dispatch of global (top-level) commands to the section readers. Every command the IR does not
 * model is kept as a global extra line, with a NOT_MODELLED warning when it can change IPsec or
 * routing behaviour.
 */
import { type ParseContext, type SubMode, keepExtra, notModelled } from './context.js';
import { readNumberedAcl, startNamedAcl } from './acls.js';
import { readCryptoMap, readDynamicMap } from './crypto-map.js';
import { startInterface } from './interfaces.js';
import { readCryptoIpsec } from './ipsec.js';
import { readCryptoIsakmp } from './isakmp.js';
import { readKeyring } from './keyring.js';
import { readCryptoIkev2 } from './ikev2.js';
import { isTrustpointHeader, readTrustpoint } from './trustpoint.js';
import type { ConfigLine } from './line-reader.js';
import { readGlobalNo } from './negations.js';
import { startObjectGroup } from './object-groups.js';
import { readRoute } from './routes.js';
import { readIpSla } from './ip-sla.js';
import { readIpNat, startRouteMap } from './nat.js';

function readHostname(line: ConfigLine, ctx: ParseContext): SubMode | undefined {
  const name = line.words[1];
  if (name === undefined) {
    ctx.sink.error('MISSING_ARGUMENT', line.line, 'hostname needs a name');
    return undefined;
  }
  if (ctx.draft.hostname !== undefined) {
    ctx.sink.error(
      'DUPLICATE_HOSTNAME_LINE',
      line.line,
      `second hostname line (${name}) ignored; the first (${ctx.draft.hostname}) is kept`,
    );
    return undefined;
  }
  ctx.draft.hostname = name;
  return undefined;
}

function readCrypto(line: ConfigLine, ctx: ParseContext): SubMode | undefined {
  const w = line.words;
  switch (w[1]) {
    case 'isakmp':
      return readCryptoIsakmp(line, ctx);
    case 'ipsec':
      return readCryptoIpsec(line, ctx);
    case 'map':
      return readCryptoMap(line, ctx);
    case 'engine':
      if (w[2] === 'compliance' && w[3] === 'shield' && w[4] === 'disable') {
        ctx.draft.complianceShieldDisabled = true;
        return undefined;
      }
      return keepExtra(line, ctx);
    case 'dynamic-map':
      return readDynamicMap(line, ctx);
    case 'keyring':
      return readKeyring(line, ctx);
    case 'pki':
    case 'ca':
      return isTrustpointHeader(w) ? readTrustpoint(line, ctx) : keepExtra(line, ctx);
    case 'ikev2':
      return readCryptoIkev2(line, ctx);
    case 'gdoi':
      return notModelled(line, ctx, `crypto gdoi ${w.slice(2, 4).join(' ')}`.trimEnd());
    default:
      return keepExtra(line, ctx);
  }
}

function readIp(line: ConfigLine, ctx: ParseContext): SubMode | undefined {
  switch (line.words[1]) {
    case 'route':
      return readRoute(line, ctx);
    case 'access-list':
      return startNamedAcl(line, ctx);
    case 'nat':
      return readIpNat(line, ctx);
    case 'sla':
      return readIpSla(line, ctx);
    default:
      return keepExtra(line, ctx);
  }
}

/** Reads one global command; returns the sub-mode it opens, if any. */
export function readTopLevel(line: ConfigLine, ctx: ParseContext): SubMode | undefined {
  switch (line.words[0]) {
    case 'hostname':
      return readHostname(line, ctx);
    case 'version':
      if (line.words[1] === undefined) {
        ctx.sink.error('MISSING_ARGUMENT', line.line, 'version needs a value');
        return undefined;
      }
      ctx.draft.version = line.words[1];
      return undefined;
    case 'interface':
      return startInterface(line, ctx);
    case 'ip':
      return readIp(line, ctx);
    case 'access-list':
      return readNumberedAcl(line, ctx);
    case 'crypto':
      return readCrypto(line, ctx);
    case 'route-map':
      return startRouteMap(line, ctx);
    case 'object-group':
      return startObjectGroup(line, ctx);
    case 'router':
      return notModelled(line, ctx, `router ${line.words[1] ?? '?'} (dynamic routing)`);
    case 'no':
      return readGlobalNo(line, ctx);
    default:
      return keepExtra(line, ctx);
  }
}
