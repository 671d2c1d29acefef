/**
 * The rows of the problem-code catalogue (`problem-codes.ts`), in the order `docs/problems.md`
 * lists them: what each code means and the fix-hint template findings fill in.
 */
import type { ProblemCodeInfo } from './problem-codes.js';

/** The catalogue row as written: the docs anchor is derived from the code. */
export type CatalogueRow = Omit<ProblemCodeInfo, 'docs'>;

export const CATALOGUE_ROWS: readonly CatalogueRow[] = [
  {
    code: 'NO_ROUTE',
    severity: 'error',
    description: "A device has no route for part of a site pair's traffic, or routes it away from the VPN.",
    hint: 'Add a route for {network} out of the crypto-map interface on {device} (e.g. `ip route {route}`).',
  },
  {
    code: 'DISCARD_ROUTE',
    severity: 'error',
    description:
      "A site pair's traffic matches a route that drops it: a static route to `Null0`, or a `permanent` route whose interface is down or whose next hop does not resolve.",
    hint: 'Remove or narrow the route {route} on {device}, or add a more specific route for the site out of the crypto-map interface.',
  },
  {
    code: 'INVALID_ROUTE',
    severity: 'error',
    description:
      'IOS refuses this `ip route` command (its next hop is an address of the router itself, or it names an interface the router does not have), so the route does not exist on the router.',
    hint: 'Give {device} the address of the next router as next hop, or an interface it has, in `{command}`.',
  },
  {
    code: 'ROUTE_TRACK_ASSUMED',
    severity: 'warning',
    description:
      'A static route depends on a `track` object; the proof assumes the tracked object is up, so the route is installed.',
    hint: 'Check the pairs through {device} with track {track} down as well (the route is then removed and a floating route, if any, takes over).',
  },
  {
    code: 'NOT_PROTECTED',
    severity: 'error',
    description: 'Traffic of a site pair leaves a WAN interface in clear text: no crypto map entry permits it.',
    hint: 'Add a permit line for {region} to the crypto ACL of the entry for the right peer on {device}.',
  },
  {
    code: 'CLEAR_TEXT_DROPPED',
    severity: 'error',
    description:
      'Unencrypted traffic arrives on a crypto-map interface and matches a crypto ACL there, so IOS drops it (%CRYPTO-4-RECVD_PKT_NOT_IPSEC).',
    hint: 'Make the sender encrypt this traffic (see the problem on the sending device) or remove the line on {device}.',
  },
  {
    code: 'CRYPTO_MAP_NOT_APPLIED',
    severity: 'error',
    description: 'A WAN interface carries no crypto map although the device defines one that names peers.',
    hint: 'Apply the map to the interface: `interface {interface}` / ` crypto map {map}`.',
  },
  {
    code: 'WRONG_PEER',
    severity: 'error',
    description: 'An earlier crypto map entry captures the traffic and sends it to another peer.',
    hint: "Narrow the ACL of entry {entry} on {device} so it matches only its own peer's LAN, or renumber the entries.",
  },
  {
    code: 'PEER_UNREACHABLE',
    severity: 'error',
    description:
      'The peer address of a crypto map entry is not routable out of the crypto-map interface (or the peer has no way back).',
    hint: 'Check `set peer` on {device} and the underlay routes towards {peer}.',
  },
  {
    code: 'UNKNOWN_PEER',
    severity: 'error',
    description:
      'A crypto map entry that carries site traffic names a `set peer` address that no device owns (a typo, or an address translated by NAT on the way).',
    hint: "Correct `set peer {peer}` on {device} to the peer's crypto-map interface address.",
  },
  {
    code: 'NO_ENTRY_FOR_PEER',
    severity: 'error',
    description:
      "The responder has no active crypto map entry whose `set peer` names the initiator's address, so it refuses every proposal from it.",
    hint: 'Make `set peer` of the entry on {device} name {peer}.',
  },
  {
    code: 'UNDEFINED_ACL',
    severity: 'error',
    description:
      "A crypto map entry's `match address` names an access list that does not exist: IOS leaves the entry incomplete and ignores it.",
    hint: 'Define access list {acl} on {device}, or correct the name in `match address`.',
  },
  {
    code: 'UNDEFINED_TRANSFORM_SET',
    severity: 'error',
    description:
      "A crypto map entry's `set transform-set` names a transform set that does not exist (IOS refuses the command).",
    hint: 'Define `crypto ipsec transform-set {set} ...` on {device}, or correct the name.',
  },
  {
    code: 'UNDEFINED_CRYPTO_MAP',
    severity: 'error',
    description: 'An interface applies a crypto map that is not defined, so nothing on it is encrypted.',
    hint: 'Define crypto map {map} on {device}, or correct the name under `interface {interface}`.',
  },
  {
    code: 'IKE_NO_POLICY_MATCH',
    severity: 'error',
    description:
      'No ISAKMP policy of the responder matches any policy the initiator offers (encryption, hash, authentication, DH group).',
    hint: 'Give both devices an identical `crypto isakmp policy` (encryption, hash, authentication, group).',
  },
  {
    code: 'IKE_LIFETIME',
    severity: 'error',
    description:
      'ISAKMP policies match except that the initiator offers a longer lifetime than the responder accepts (documented IOS rule; phase 1 then works only when the shorter-lifetime side initiates).',
    hint: 'Use the same `lifetime` on both policies. Some releases tolerate the mismatch: rerun with --relax-lifetime (option relaxLifetime) if yours does.',
  },
  {
    code: 'PSK_MISSING',
    severity: 'error',
    description:
      "A side has no pre-shared key for its peer address where it looks (its ISAKMP profile's keyrings, or every keyring and the global keys), so phase 1 fails.",
    hint: 'Add {keyLine} on {device}.',
  },
  {
    code: 'PSK_MISMATCH',
    severity: 'error',
    description: 'The two sides use different pre-shared keys for each other (the keys are never printed).',
    hint: 'Set the same key on both lines named in the message.',
  },
  {
    code: 'PSK_ASYMMETRIC_MISMATCH',
    severity: 'error',
    description:
      "In one direction of IKEv2 authentication the signer's key (`pre-shared-key local`, else `pre-shared-key`) differs from the key the other side verifies it with (`pre-shared-key remote`, else `pre-shared-key`); the keys are never printed.",
    hint: 'Make the key {signer} signs with equal to the key {verifier} verifies it with (the two lines named in the message).',
  },
  {
    code: 'IKEV2_NO_PROFILE',
    severity: 'error',
    description:
      "IKEv2 authentication has no profile: no IKEv2 profile of the responder matches the initiator's identity (`match identity remote`), so IKE_AUTH fails with AUTHENTICATION_FAILED, or the crypto map entry (or a static VTI's IPsec profile) names an IKEv2 profile that does not exist.",
    hint: 'On {device}, make a profile match {identity} (`match identity remote ...`), or change the identity the peer sends (`identity local`).',
  },
  {
    code: 'IKEV2_AUTH_METHOD',
    severity: 'error',
    description:
      'An IKEv2 side signs with an authentication method (`authentication local`) that the other side does not accept (`authentication remote`), or a profile has no local method.',
    hint: "Make {device} and its peer agree: the method each signs with (`authentication local`) must be among the other's `authentication remote` methods; where one side uses certificates, move the other to certificates rather than the reverse.",
  },
  {
    code: 'PSK_UNVERIFIABLE',
    severity: 'error',
    description:
      'A pre-shared key is stored encrypted (type 6 or 7), so equality of the two keys cannot be proven from the configs.',
    hint: 'Verify the keys out of band, or verify configs that carry the keys in clear text (type 0).',
  },
  {
    code: 'ISAKMP_PROFILE_MISMATCH',
    severity: 'error',
    description:
      "The ISAKMP profile IOS selects does not fit: the responder took the key for the initiator's address from a keyring that the profile selected by the initiator's identity does not list (Cisco 117259), or the crypto map entry that mirrors the proposal requires another profile than the IKE SA's (`set isakmp-profile`).",
    hint: "Make the profile on {device} that matches the peer's identity list the keyring that holds its key, and name that profile in `set isakmp-profile` of the entry for the peer.",
  },
  {
    code: 'CERTIFICATE_ASSUMED',
    severity: 'warning',
    description:
      "A pair authenticates phase 1 with certificates (`authentication rsa-sig`). The trust chain (issued certificates, their validity and revocation) is outside the configs, so the pair is proven under the stated assumption that each side's certificate validates against the other side's trustpoints.",
    hint: 'Check that {trustpoints} hold valid, enrolled certificates from an authority both sides trust (`show crypto pki certificates`).',
  },
  {
    code: 'NO_TRUSTPOINT',
    severity: 'error',
    description:
      'A side authenticates phase 1 with certificates (`authentication rsa-sig`) but defines no `crypto pki trustpoint`, so it has no certificate to present and phase 1 fails.',
    hint: 'Define and enroll a `crypto pki trustpoint` on {device} for the certificate authority its peers trust.',
  },
  {
    code: 'NAT_MAPPING_ASSUMED',
    severity: 'warning',
    description:
      "A crypto map entry names a `set peer` address that no device owns, and exactly one device mirrors the entry's crypto ACL and names this device as its peer. The pairs are proven under the stated assumption that a NAT device translates that device's IKE address to the named one (static or port-forwarding translation of UDP 500 and 4500, NAT traversal on both sides).",
    hint: 'Check that the NAT device in front of {device} maps {inside} to {outside}, or declare it in topology.json (`wan[].publicAddress`) to prove it without the assumption.',
  },
  {
    code: 'NAT_T_DISABLED',
    severity: 'error',
    description:
      'A NAT device sits between two peers and one of them turns NAT traversal off (`no crypto ipsec nat-transparency udp-encapsulation`): the NAT is neither detected nor traversed, so ESP (IP protocol 50, no ports) does not cross the NAT device and the tunnel carries nothing.',
    hint: 'Remove `no crypto ipsec nat-transparency udp-encapsulation` on {device} (NAT traversal is on by default).',
  },
  {
    code: 'TRANSFORM_MISMATCH',
    severity: 'error',
    description:
      "No transform set offered by the initiator is identical to one that the responder's matching entry lists.",
    hint: 'Use transform sets with identical transforms in both entries.',
  },
  {
    code: 'PFS_MISMATCH',
    severity: 'error',
    description: "The responder's entry requires PFS (or another DH group) that the initiator does not offer.",
    hint: 'Use the same `set pfs groupN` in both entries (always name the group).',
  },
  {
    code: 'PROXY_MISMATCH',
    severity: 'error',
    description:
      "A crypto ACL line is not mirrored by the peer: the proposal is not a subset of any mirrored permit line of the peer's entry for this device.",
    hint: 'Make the two crypto ACLs mirror images of each other, line for line.',
  },
  {
    code: 'INITIATOR_DEPENDENT',
    severity: 'error',
    description: 'The tunnel comes up only when the other side starts the conversation.',
    hint: 'Fix the direction-dependent root cause listed with it ({cause}).',
  },
  {
    code: 'SPOKE_MUST_INITIATE',
    severity: 'warning',
    description:
      'Traffic towards a spoke leaves the hub through a dynamic crypto map entry, which never initiates: it flows only while an SA the spoke brought up covers it. The pair is proven under that condition: until the spoke sends matching traffic (after a reboot, a new DHCP address or an SA expiry), the hub drops it.',
    hint: 'Keep the SA up from {spoke}: an IP SLA icmp-echo from its LAN address to a remote site address that its crypto ACL line {line} covers, scheduled `life forever start-time now`.',
  },
  {
    code: 'NO_DYNAMIC_SA',
    severity: 'error',
    description:
      'Traffic towards a spoke is owned by a dynamic crypto map entry of the hub, which never initiates, and the spoke brings up no SA that covers it (its crypto ACL does not send that traffic to the hub), so the hub drops it.',
    hint: 'Add a permit line for {traffic} to the crypto ACL of {spoke} for its entry towards {hub}.',
  },
  {
    code: 'DYNAMIC_ADDRESS_ASSUMED',
    severity: 'warning',
    description:
      'A WAN interface takes its address at run time (`ip address dhcp` or `negotiated`). The proof uses a stated lease and assumes the underlay routes that address to the peer and back, which the configs cannot show.',
    hint: 'Make sure the ISP path from {device} reaches {peer} and back.',
  },
  {
    code: 'UNKNOWN_NETWORK',
    severity: 'error',
    description: 'A crypto ACL protects a network that no site owns: likely a typo.',
    hint: 'Did you mean {closest}?',
  },
  {
    code: 'OVERLAPPING_SITES',
    severity: 'error',
    description:
      'Two sites on different devices share addresses, so traffic between them cannot be routed unambiguously.',
    hint: 'Renumber one of the LANs so site prefixes are disjoint.',
  },
  {
    code: 'NO_SITE',
    severity: 'warning',
    description:
      'A device takes part in the VPN (an applied crypto map or a protected tunnel) but site inference found no site on it: every interface with a LAN subnet counted as WAN, so no pair from or to it is proven.',
    hint: 'List the LAN networks of {device} under `sites` in topology.json (or pass `--sites CIDR,...`); if a tunnel is sourced from its LAN interface, source it from the WAN interface instead.',
  },
  {
    code: 'INTERFACE_ACL_BLOCKS',
    severity: 'error',
    description:
      'An interface access list (`ip access-group`) drops IKE, ESP between the peers, or the site traffic itself.',
    hint: 'Permit {traffic} in ACL {acl} (applied {direction} on {interface} of {device}) before the line that drops it.',
  },
  {
    code: 'NAT_BEFORE_CRYPTO',
    severity: 'error',
    description:
      "Inside-source NAT translates site traffic before the crypto map sees it (IOS order of operations), so it leaves in clear text or under the wrong proxy with a source that is not the site's.",
    hint: 'Exempt the VPN traffic from `{rule}` on {device}: deny {region} before the permit that translates it (in the NAT ACL, or in a `route-map ... deny` entry).',
  },
  {
    code: 'ACCESS_GROUP_UNDEFINED',
    severity: 'warning',
    description:
      'An `ip access-group` names an access list that does not exist: IOS then filters nothing on that interface.',
    hint: 'Define ACL {acl} on {device}, or remove the `ip access-group` line if no filter is meant.',
  },
  {
    code: 'WEAK_CRYPTO',
    severity: 'warning',
    description:
      'A policy or transform set uses an algorithm that is deprecated (DES, 3DES, MD5, DH groups 1/2/5); an error on platforms that reject it.',
    hint: 'Use AES-256 (or esp-gcm 256), SHA-256 or better, and DH group 14, 19 or 20.',
  },
  {
    code: 'WEAK_PSK',
    severity: 'warning',
    description: 'A pre-shared key is short or trivially guessable.',
    hint: 'Use a random key of at least 20 characters.',
  },
  {
    code: 'REUSED_PSK',
    severity: 'warning',
    description: 'The same pre-shared key is used for several peers.',
    hint: 'Give every peer its own key.',
  },
  {
    code: 'ACL_ANY',
    severity: 'warning',
    description:
      'A crypto ACL line uses `any`, which protects more than the sites (and captures traffic meant for other peers).',
    hint: 'Replace `any` with the site prefixes.',
  },
  {
    code: 'BACKUP_PEER_BROKEN',
    severity: 'warning',
    description: 'A backup peer of a crypto map entry would not carry the traffic if the primary peer failed.',
    hint: 'Fix the backup path to {peer} like a primary one (see the message).',
  },
  {
    code: 'PEER_NOT_ANSWERING',
    severity: 'warning',
    description:
      'A `set peer` address of an entry does not answer IKE (no device owns it, the underlay cannot reach it, or it silently drops main mode for lack of a matching key), so IOS moves on to the next peer of the list.',
    hint: 'Fix or remove `set peer {peer}` on {device}: every new SA first waits for the attempt with {peer} to time out.',
  },
  {
    code: 'UNDEFINED_OBJECT_GROUP',
    severity: 'error',
    description:
      'An ACL line (or `group-object`) names an object group that does not exist or is of the other type: IOS rejects the line, so the list lacks it.',
    hint: 'Define the object group on {device} before the line that uses it, or correct the name.',
  },
  {
    code: 'ACL_DUPLICATE_SEQUENCE',
    severity: 'error',
    description:
      'An ACL entry names a sequence number already in use: IOS rejects it ("Duplicate sequence number"), so the list lacks it.',
    hint: 'Give the entry a free sequence number on {device}, or remove the old entry first (`no N`).',
  },
  {
    code: 'TUNNEL_DOWN',
    severity: 'error',
    description:
      "A route into a tunnel interface is not installed because the tunnel is shut down or its line protocol is down (no source or destination, source interface down, destination unroutable, or routed through the tunnel itself), so the site traffic it was meant for takes another route or none; or the far end's tunnel that would take the traffic is shut down.",
    hint: 'Bring {tunnel} on {device} up: {why}.',
  },
  {
    code: 'TUNNEL_MISMATCH',
    severity: 'error',
    description:
      "A tunnel's destination is no device of the network, or the device there has no tunnel whose source and destination are this tunnel's destination and source (with the same mode and protection), so what enters the tunnel is dropped at the far end.",
    hint: 'Make `tunnel destination` of {tunnel} on {device} the far tunnel source, and the far tunnel point back at {source}.',
  },
  {
    code: 'UNDERLAY_LEAK',
    severity: 'error',
    description:
      'On a device with tunnels (a route-based VPN), site traffic is routed out of a WAN interface without a crypto map, in clear text, instead of into a tunnel.',
    hint: 'Route {network} on {device} into its tunnel instead of out of {interface}.',
  },
  {
    code: 'GRE_UNPROTECTED',
    severity: 'error',
    description:
      'The GRE packets of a tunnel (IP protocol 47 from the tunnel source to the tunnel destination) leave the underlay in clear text: the tunnel has no `tunnel protection` and no crypto map entry on the interface they leave by permits them, so the site traffic routed into the tunnel crosses the underlay unencrypted.',
    hint: 'Protect {tunnel} on {device}: `tunnel protection ipsec profile <profile>` on both ends, or a crypto map entry on {interface} whose ACL permits `gre host {source} host {destination}` (mirrored on the far end).',
  },
  {
    code: 'NOT_MODELLED',
    severity: 'warning',
    description:
      'A relevant config line (one that can drop, rewrite, reroute or encrypt a packet or change IKE) is not modelled: IKEv2 features the proof does not negotiate, `crypto map ... redundancy`, NAT, policy routing, QoS policies, routing protocols, traffic routed into a tunnel whose design the rules do not decide (see docs/ios-semantics.md#tunnel-interfaces), a crypto map and tunnel protection between the same two addresses, or a command the line table does not list as inert; or a rule whose outcome the configs do not decide (equally specific keys in several keyrings, several ISAKMP profiles matching one identity). Every pair whose path crosses this device (or that negotiation) is unverified, never covered.',
    hint: 'Check the pairs through {device} another way (test on a router), or express the design without the feature; if the line cannot touch VPN traffic, it belongs in the inert rows of the line table (docs/ios-semantics.md#line-classification).',
  },
  {
    code: 'INVALID_LINE',
    severity: 'error',
    description:
      'A line IOS would reject (a malformed address or mask, a missing argument, an unknown algorithm, ...): the parser could not read it, so the file is not what the router runs.',
    hint: 'Correct the line on {device} (see the message), or remove it.',
  },
];
