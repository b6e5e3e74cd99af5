import { describe, expect, it } from 'vitest';
import { ipInCidr } from './ip.js';

describe('ipInCidr', () => {
  it.each([
    ['10.1.2.3', '10.0.0.0/8', true],
    ['11.0.0.1', '10.0.0.0/8', false],
    ['192.0.2.7', '192.0.2.7', true],
    ['192.0.2.7', '0.0.0.0/0', true],
    ['2001:db8::1', '2001:db8::/32', true],
    ['2001:db9::1', '2001:db8::/32', false],
    ['::1', '::1/128', true],
    ['fe80::1:2', 'fe80::/10', true],
    ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1', true],
  ])('%s in %s is %s', (address, cidr, expected) => {
    expect(ipInCidr(address, cidr)).toBe(expected);
  });

  it.each([
    ['10.0.0.1', '10.0.0.0/'],
    ['10.0.0.1', '10.0.0.0/33'],
    ['10.0.0.1', '10.0.0.0/a'],
    ['10.0.0.256', '10.0.0.0/8'],
    ['10.0.0', '10.0.0.0/8'],
    ['2001:db8::1::2', '2001:db8::/32'],
    ['1:2:3:4:5:6:7:8:9', '::/0'],
    ['10.0.0.1', '::/0'],
  ])('rejects %s against %s', (address, cidr) => {
    expect(ipInCidr(address, cidr)).toBe(false);
  });
});
