import { isIP } from 'node:net';

/** An IP address in canonical text form, with its family. */
export interface IpAddress {
  family: 4 | 6;
  /** Canonical text: dotted quad for IPv4, compressed lowercase for IPv6 (no brackets, no zone). */
  address: string;
}

/** Why an address may not be fetched without an explicit opt-in. */
export type AddressCategory =
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'cgnat'
  | 'link-local'
  | 'metadata'
  | 'unique-local'
  | 'site-local'
  | 'ipv4-mapped'
  | 'multicast'
  | 'broadcast'
  | 'documentation'
  | 'benchmarking'
  | 'reserved';

export type AddressClass =
  | { blocked: false; address: IpAddress }
  | { blocked: true; address: IpAddress; category: AddressCategory; label: string };

const LABELS: Record<AddressCategory, string> = {
  unspecified: 'unspecified address',
  loopback: 'loopback address',
  private: 'private address',
  cgnat: 'carrier-grade NAT address',
  'link-local': 'link-local address',
  metadata: 'cloud metadata address',
  'unique-local': 'unique-local IPv6 address',
  'site-local': 'site-local IPv6 address',
  'ipv4-mapped': 'IPv4-mapped IPv6 address',
  multicast: 'multicast address',
  broadcast: 'broadcast address',
  documentation: 'documentation address',
  benchmarking: 'benchmarking address',
  reserved: 'reserved address',
};

/**
 * Parses one IPv4 part the way the WHATWG URL parser and inet_aton do: `0x` prefix = hex, a leading
 * zero = octal, otherwise decimal. Browsers, curl and libc all accept these forms, so a guard that
 * only knew dotted quads could be walked around with `0177.1` or `2130706433`.
 */
function parseIpv4Part(part: string): number | null {
  if (part === '') return null;
  let digits = part;
  let radix = 10;
  if (/^0x/i.test(part)) {
    digits = part.slice(2);
    radix = 16;
    if (digits === '') return 0;
  } else if (part.length > 1 && part.startsWith('0')) {
    digits = part.slice(1);
    radix = 8;
  }
  const pattern = radix === 16 ? /^[0-9a-f]+$/i : radix === 8 ? /^[0-7]+$/ : /^[0-9]+$/;
  if (!pattern.test(digits)) return null;
  const value = Number.parseInt(digits, radix);
  return Number.isSafeInteger(value) ? value : null;
}

/** Parses decimal, octal, hex and short IPv4 forms (`2130706433`, `0177.0.0.1`, `0x7f.1`, `127.1`). */
export function parseLooseIpv4(text: string): string | null {
  const trimmed = text.endsWith('.') ? text.slice(0, -1) : text;
  const parts = trimmed.split('.');
  if (parts.length === 0 || parts.length > 4) return null;
  const numbers: number[] = [];
  for (const part of parts) {
    const n = parseIpv4Part(part);
    if (n === null) return null;
    numbers.push(n);
  }
  const last = numbers.pop()!;
  if (numbers.some((n) => n > 255)) return null;
  if (last >= 256 ** (4 - numbers.length)) return null;
  let value = last;
  numbers.forEach((n, i) => {
    value += n * 256 ** (3 - i);
  });
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

/** Expands an IPv6 address (optionally with a trailing dotted quad) to eight 16-bit groups. */
function ipv6Groups(text: string): number[] | null {
  if (isIP(text) !== 6) return null;
  let body = text;
  const tail: number[] = [];
  const quad = /(\d+\.\d+\.\d+\.\d+)$/.exec(body);
  if (quad) {
    const octets = quad[1]!.split('.').map(Number);
    tail.push((octets[0]! << 8) | octets[1]!, (octets[2]! << 8) | octets[3]!);
    body = body.slice(0, -quad[1]!.length);
    if (body.endsWith(':') && !body.endsWith('::')) body = body.slice(0, -1);
  }
  const [head, rest] = body.split('::') as [string, string | undefined];
  const parse = (s: string | undefined) =>
    s
      ? s
          .split(':')
          .filter((g) => g !== '')
          .map((g) => Number.parseInt(g, 16))
      : [];
  const left = parse(head);
  const right = parse(rest);
  const fill = 8 - left.length - right.length - tail.length;
  if (fill < 0 || (rest === undefined && fill !== 0)) return null;
  return [...left, ...new Array(fill).fill(0), ...right, ...tail];
}

function formatIpv6(groups: number[]): string {
  // Compress the longest run of zero groups (RFC 5952), so equal addresses print equally.
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i > 1) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

/**
 * Reads a URL host or a resolved address as an IP address, accepting every form a client would
 * connect to: bracketed IPv6 (`[::1]`), IPv6 with a zone (`fe80::1%eth0`), IPv4-in-IPv6
 * (`::ffff:127.0.0.1`) and loose IPv4. Returns null for a host name.
 */
export function parseIpAddress(host: string): IpAddress | null {
  let text = host.trim().toLowerCase();
  if (text.startsWith('[') && text.endsWith(']')) text = text.slice(1, -1);
  const zone = text.indexOf('%');
  if (zone >= 0 && text.includes(':')) text = text.slice(0, zone);
  if (text.includes(':')) {
    const groups = ipv6Groups(text);
    return groups ? { family: 6, address: formatIpv6(groups) } : null;
  }
  const v4 = parseLooseIpv4(text);
  return v4 ? { family: 4, address: v4 } : null;
}

function ipv4ToInt(address: string): number {
  return address.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
}

const IPV4_RULES: [string, number, AddressCategory][] = [
  // Specific addresses first: they sit inside broader ranges but deserve a sharper message.
  ['169.254.169.254', 32, 'metadata'],
  ['100.100.100.200', 32, 'metadata'],
  ['255.255.255.255', 32, 'broadcast'],
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'cgnat'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.0.2.0', 24, 'documentation'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

function classifyIpv4(address: string): AddressCategory | null {
  const value = ipv4ToInt(address);
  for (const [base, prefix, category] of IPV4_RULES) {
    const size = 2 ** (32 - prefix);
    const start = ipv4ToInt(base);
    if (value >= start && value < start + size) return category;
  }
  return null;
}

function classifyIpv6(groups: number[]): { category: AddressCategory; embedded?: string } | null {
  const [g0, g1, g2, g3, g4, g5, g6, g7] = groups as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const embedded = `${g6 >> 8}.${g6 & 255}.${g7 >> 8}.${g7 & 255}`;
  const zeroUpTo = (n: number) => groups.slice(0, n).every((g) => g === 0);
  if (zeroUpTo(8)) return { category: 'unspecified' };
  if (zeroUpTo(7) && g7 === 1) return { category: 'loopback' };
  if (zeroUpTo(5) && g5 === 0xffff) return { category: 'ipv4-mapped', embedded };
  // IPv4-compatible (::a.b.c.d, deprecated) still reaches the IPv4 host on some stacks.
  if (zeroUpTo(6)) return { category: 'ipv4-mapped', embedded };
  if (g0 === 0xfd00 && g1 === 0x0ec2 && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0 && g6 === 0) {
    if (g7 === 0x254) return { category: 'metadata' };
  }
  if ((g0 & 0xfe00) === 0xfc00) return { category: 'unique-local' };
  if ((g0 & 0xffc0) === 0xfe80) return { category: 'link-local' };
  if ((g0 & 0xffc0) === 0xfec0) return { category: 'site-local' };
  if ((g0 & 0xff00) === 0xff00) return { category: 'multicast' };
  if (g0 === 0x2001 && g1 === 0x0db8) return { category: 'documentation' };
  if (g0 === 0x0100 && g1 === 0 && g2 === 0 && g3 === 0) return { category: 'reserved' };
  // NAT64 and 6to4 carry an IPv4 address inside; judge them by what they lead to.
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) {
    const inner = classifyIpv4(embedded);
    return inner ? { category: inner, embedded } : null;
  }
  if (g0 === 0x2002) {
    const six = `${g1 >> 8}.${g1 & 255}.${g2 >> 8}.${g2 & 255}`;
    const inner = classifyIpv4(six);
    return inner ? { category: inner, embedded: six } : null;
  }
  return null;
}

/**
 * Classifies an IP address for the SSRF guard. Everything that is not a globally routable unicast
 * address is blocked: a government site never legitimately resolves to one, while an attacker who
 * controls a redirect or a DNS answer can use any of them to reach internal services.
 */
export function classifyAddress(address: IpAddress): AddressClass {
  if (address.family === 4) {
    const category = classifyIpv4(address.address);
    return category
      ? { blocked: true, address, category, label: LABELS[category] }
      : { blocked: false, address };
  }
  const groups = ipv6Groups(address.address);
  if (!groups) return { blocked: true, address, category: 'reserved', label: 'unparseable IPv6 address' };
  const found = classifyIpv6(groups);
  if (!found) return { blocked: false, address };
  const label =
    found.category === 'ipv4-mapped'
      ? `${LABELS['ipv4-mapped']} (${found.embedded})`
      : found.embedded
        ? `${LABELS[found.category]} (embeds ${found.embedded})`
        : LABELS[found.category];
  return { blocked: true, address, category: found.category, label };
}

/** Parses and classifies in one step; null when `host` is a name, not an address. */
export function classifyHost(host: string): AddressClass | null {
  const address = parseIpAddress(host);
  return address ? classifyAddress(address) : null;
}
