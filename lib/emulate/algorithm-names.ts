/**
 * How IOS names algorithms in `show crypto engine connections active` (e.g. `HMAC_MD5+DES_56_CB`)
 * and in ISAKMP/IPsec debug output (`DES-CBC`, `ESP_DES`, `HMAC-MD5`). Display only.
 */
import type { EffectiveIsakmpPolicy } from '../rules/platform-defaults.js';
import { normalizeTransform } from '../rules/ike-phase2.js';

const ENGINE_HASH: Readonly<Record<string, string>> = {
  md5: 'HMAC_MD5',
  sha: 'HMAC_SHA',
  sha256: 'HMAC_SHA256',
  sha384: 'HMAC_SHA384',
  sha512: 'HMAC_SHA512',
};
const ENGINE_CIPHER: Readonly<Record<string, string>> = {
  des: 'DES_56_CB',
  '3des': '3DES_168_CB',
  aes: 'AES_128_CB',
  'aes-192': 'AES_192_CB',
  'aes-256': 'AES_256_CB',
};

/** Engine label of an IKE SA: `HMAC_MD5+DES_56_CB` for the lab policy. */
export function ikeEngineAlgorithm(p: EffectiveIsakmpPolicy): string {
  return `${ENGINE_HASH[p.hash] ?? p.hash.toUpperCase()}+${ENGINE_CIPHER[p.encryption] ?? p.encryption.toUpperCase()}`;
}

const ESP_CIPHER: Readonly<Record<string, string>> = {
  'esp-des': 'DES_56_CB',
  'esp-3des': '3DES_168_CB',
  'esp-aes 128': 'AES_128_CB',
  'esp-aes 192': 'AES_192_CB',
  'esp-aes 256': 'AES_256_CB',
  'esp-gcm 128': 'AES_GCM_128',
  'esp-gcm 256': 'AES_GCM_256',
  'esp-null': 'NULL',
};
const ESP_HASH: Readonly<Record<string, string>> = {
  'esp-md5-hmac': 'HMAC_MD5',
  'esp-sha-hmac': 'HMAC_SHA',
  'esp-sha256-hmac': 'HMAC_SHA256',
  'esp-sha384-hmac': 'HMAC_SHA384',
  'esp-sha512-hmac': 'HMAC_SHA512',
};

/** Engine label of an IPsec SA from its transforms: `HMAC_MD5+DES_56_CB` for the lab set. */
export function ipsecEngineAlgorithm(transforms: readonly string[]): string {
  const n = transforms.map(normalizeTransform);
  const hash = n.map((t) => ESP_HASH[t]).find((x) => x !== undefined);
  const cipher = n.map((t) => ESP_CIPHER[t]).find((x) => x !== undefined);
  return [hash, cipher].filter((x) => x !== undefined).join('+') || n.join('+').toUpperCase();
}

const DEBUG_ENCRYPTION: Readonly<Record<string, string>> = {
  des: 'DES-CBC',
  '3des': '3DES-CBC',
  aes: 'AES-CBC',
  'aes-192': 'AES-CBC',
  'aes-256': 'AES-CBC',
};
const DEBUG_HASH: Readonly<Record<string, string>> = {
  md5: 'MD5',
  sha: 'SHA',
  sha256: 'SHA256',
  sha384: 'SHA384',
  sha512: 'SHA512',
};

/** The attribute lines `debug crypto isakmp` prints for a policy being checked. */
export function isakmpAttributeLines(p: EffectiveIsakmpPolicy): string[] {
  const lines = [`ISAKMP:      encryption ${DEBUG_ENCRYPTION[p.encryption] ?? p.encryption}`];
  if (p.encryption.startsWith('aes'))
    lines.push(`ISAKMP:      keylength of ${p.encryption === 'aes' ? 128 : p.encryption.slice(4)}`);
  lines.push(`ISAKMP:      hash ${DEBUG_HASH[p.hash] ?? p.hash}`);
  lines.push(`ISAKMP:      ${p.group === 1 ? 'default group 1' : `group ${p.group}`}`);
  lines.push(`ISAKMP:      auth ${p.authentication === 'pre-share' ? 'pre-share' : 'RSA sig'}`);
  lines.push('ISAKMP:      life type in seconds');
  lines.push(lifeDurationLine('life duration', p.lifetime));
  return lines;
}

/**
 * An ISAKMP life-duration attribute as debug prints it: the basic (16-bit) form up to 65535, the
 * variable (VPI) form with the value's bytes beyond (`life duration (VPI) of  0x0 0x1 0x51 0x80`
 * for 86400 s, as 4608000 KB prints `0x0 0x46 0x50 0x0`): a basic attribute cannot hold more.
 */
export function lifeDurationLine(name: 'life duration' | 'SA life duration', value: number): string {
  if (value <= 0xffff) return `ISAKMP:      ${name} (basic) of ${value}`;
  const bytes = [24, 16, 8, 0].map((shift) => `0x${((value >>> shift) & 0xff).toString(16)}`);
  return `ISAKMP:      ${name} (VPI) of  ${bytes.join(' ')}`;
}

/**
 * `ESP_DES`-style name of the cipher transform of a set, for `ISAKMP: transform 1, ...`; the key
 * size of AES and GCM is a separate attribute (`espKeyLength`): IOS prints `ESP_AES` and
 * `key length is 256`.
 */
export function espTransformName(transforms: readonly string[]): string {
  const cipher = espCipher(transforms);
  if (!cipher) return 'ESP_NULL';
  return `ESP_${cipher.split(' ')[0]!.slice(4).toUpperCase()}`;
}

/** The key length attribute of the set's cipher. @returns undefined for fixed-size ciphers */
export function espKeyLength(transforms: readonly string[]): number | undefined {
  const bits = espCipher(transforms)?.split(' ')[1];
  return bits === undefined ? undefined : Number(bits);
}

function espCipher(transforms: readonly string[]): string | undefined {
  return transforms.map(normalizeTransform).find((t) => t.startsWith('esp-') && !t.endsWith('-hmac'));
}

/** `HMAC-MD5`-style authenticator name of a set. @returns undefined when it has none */
export function espAuthenticatorName(transforms: readonly string[]): string | undefined {
  const h = transforms.map(normalizeTransform).find((t) => t.endsWith('-hmac'));
  return h
    ? `HMAC-${h
        .replace(/^(esp|ah)-/, '')
        .replace(/-hmac$/, '')
        .toUpperCase()}`
    : undefined;
}

const MODERN_HASH: Readonly<Record<string, string>> = {
  md5: 'MD5',
  sha: 'SHA',
  sha256: 'SHA256',
  sha384: 'SHA384',
  sha512: 'SHA512',
};
const MODERN_CIPHER: Readonly<Record<string, string>> = {
  des: 'DES',
  '3des': '3DES',
  aes: 'AES',
  'aes-192': 'AES192',
  'aes-256': 'AES256',
};

/**
 * IOS 15 / IOS-XE engine label of an IKE SA, hash first: `SHA+DES`, `SHA+AES256`, `SHA256+AES256`
 * (public captures of `show crypto engine connections active`).
 */
export function modernIkeEngineAlgorithm(p: EffectiveIsakmpPolicy): string {
  return `${MODERN_HASH[p.hash] ?? p.hash.toUpperCase()}+${MODERN_CIPHER[p.encryption] ?? p.encryption.toUpperCase()}`;
}

/**
 * IOS 15 / IOS-XE engine label of an IPsec SA, cipher first: `3DES+MD5`, `AES+SHA`,
 * `AES256+SHA512` (public captures); other transforms keep their names in capitals.
 */
export function modernIpsecEngineAlgorithm(transforms: readonly string[]): string {
  const n = transforms.map(normalizeTransform);
  const cipher = n
    .filter((t) => t.startsWith('esp-') && !t.endsWith('-hmac'))
    .map((t) => {
      const aes = /^esp-aes (\d+)$/.exec(t);
      if (aes) return aes[1] === '128' ? 'AES' : `AES${aes[1]}`;
      return MODERN_CIPHER[t.slice(4)] ?? t.toUpperCase();
    })[0];
  const hash = n.filter((t) => t.endsWith('-hmac')).map((t) => MODERN_HASH[t.slice(4, -5)] ?? t.toUpperCase())[0];
  return [cipher, hash].filter((x) => x !== undefined).join('+');
}
