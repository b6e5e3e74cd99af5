interface Address {
  readonly family: 4 | 6;
  readonly value: bigint;
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = (value << 8n) | BigInt(part);
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  let value = 0n;
  for (const group of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
    value = (value << 16n) | BigInt(`0x${group}`);
  }
  return value;
}

function parseAddress(text: string): Address | undefined {
  const v4 = parseIpv4(text);
  if (v4 !== undefined) return { family: 4, value: v4 };
  const v6 = parseIpv6(text);
  return v6 === undefined ? undefined : { family: 6, value: v6 };
}

/**
 * True when `address` lies in `cidr` (`203.0.113.0/24`, `2001:db8::/32`; a bare address is a /32 or /128), as the
 * `IpAddress` operator tests `aws:SourceIp`; false when either does not parse or the families differ.
 */
export function ipInCidr(address: string, cidr: string): boolean {
  const [base = '', prefixText] = cidr.trim().split('/');
  const ip = parseAddress(address.trim());
  const net = parseAddress(base);
  if (ip === undefined || net === undefined || ip.family !== net.family) return false;
  const bits = ip.family === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return false;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (prefix > bits) return false;
  const shift = BigInt(bits - prefix);
  return ip.value >> shift === net.value >> shift;
}
