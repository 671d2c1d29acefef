// Generated IOS configs for scale measurements, shared by bench/scale.mjs (timings) and
// test/parse/performance.test.ts (what the parse must get right at these sizes).

/** One extended ACL of `lines` entries with sequence numbers 10, 20, ... */
export function aclConfig(lines) {
  const out = ['version 17.9', 'hostname Big', 'ip access-list extended BIG'];
  for (let i = 0; i < lines; i++) {
    out.push(
      ` ${(i + 1) * 10} permit ip 10.${(i >> 16) & 255}.${(i >> 8) & 255}.0 0.0.0.255 172.16.${i & 255}.0 0.0.0.255`,
    );
  }
  out.push('end');
  return out.join('\n');
}

/** An exact-mode hub: a key, a crypto map entry, a route and a 30-line ACL per spoke. */
export function hubConfig(spokes) {
  const out = [
    'version 17.9',
    'hostname Hub',
    'crypto isakmp policy 10',
    ' encr aes 256',
    ' authentication pre-share',
    ' group 14',
  ];
  for (let i = 0; i < spokes; i++)
    out.push(`crypto isakmp key fake-key-${i} address 198.${(i >> 8) & 255}.${i & 255}.1`);
  out.push('crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac');
  for (let i = 0; i < spokes; i++) {
    out.push(
      `crypto map VPN ${i + 1} ipsec-isakmp`,
      ` set peer 198.${(i >> 8) & 255}.${i & 255}.1`,
      ' set transform-set TS',
      ' set pfs group14',
      ` match address S${i}`,
    );
  }
  out.push('interface GigabitEthernet1', ' ip address 198.51.100.1 255.255.255.0', ' crypto map VPN');
  for (let i = 0; i < spokes; i++)
    out.push(`ip route 10.${(i >> 8) & 255}.${i & 255}.0 255.255.255.0 GigabitEthernet1`);
  for (let i = 0; i < spokes; i++) {
    out.push(`ip access-list extended S${i}`);
    for (let j = 0; j < 30; j++)
      out.push(` permit ip 10.0.${j}.0 0.0.0.255 10.${(i >> 8) & 255}.${i & 255}.0 0.0.0.255`);
  }
  out.push('end');
  return out.join('\n');
}
