import { describe, expect, it } from 'vitest';
import { classifyHost, parseIpAddress, parseLooseIpv4 } from '../../../src/crawl/fetch';

describe('IP address parsing', () => {
  it.each([
    ['2130706433', '127.0.0.1'],
    ['0177.0.0.1', '127.0.0.1'],
    ['0x7f000001', '127.0.0.1'],
    ['0x7f.0.0.1', '127.0.0.1'],
    ['127.1', '127.0.0.1'],
    ['127.0.1', '127.0.0.1'],
    ['10.1', '10.0.0.1'],
    ['0', '0.0.0.0'],
    ['0x', '0.0.0.0'],
    ['169.254.169.254.', '169.254.169.254'],
    ['0251.0376.0251.0376', '169.254.169.254'],
  ])('reads %s as %s', (text, expected) => {
    expect(parseLooseIpv4(text)).toBe(expected);
  });

  it.each(['256.0.0.1', '1.2.3.4.5', '08.0.0.1', 'example.gov.cn', '4294967296', '1..2', ''])(
    'rejects %s as an IPv4 address',
    (text) => {
      expect(parseLooseIpv4(text)).toBeNull();
    },
  );

  it.each([
    ['[::1]', '::1'],
    ['[0:0:0:0:0:0:0:1]', '::1'],
    ['::ffff:127.0.0.1', '::ffff:7f00:1'],
    ['[::FFFF:7F00:1]', '::ffff:7f00:1'],
    ['fe80::1%eth0', 'fe80::1'],
    ['fd00:ec2::254', 'fd00:ec2::254'],
  ])('reads IPv6 %s as %s', (text, expected) => {
    expect(parseIpAddress(text)).toEqual({ family: 6, address: expected });
  });

  it('reads a host name as no address', () => {
    expect(parseIpAddress('www.jiangmen.gov.cn')).toBeNull();
    expect(parseIpAddress('localhost')).toBeNull();
  });
});

describe('address classification', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['2130706433', 'loopback'],
    ['0177.0.0.1', 'loopback'],
    ['0x7f.1', 'loopback'],
    ['127.1', 'loopback'],
    ['10.2.3.4', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'cgnat'],
    ['169.254.1.1', 'link-local'],
    ['169.254.169.254', 'metadata'],
    ['100.100.100.200', 'metadata'],
    ['0.0.0.0', 'unspecified'],
    ['0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['198.18.0.1', 'benchmarking'],
    ['192.0.2.10', 'documentation'],
    ['[::]', 'unspecified'],
    ['[::1]', 'loopback'],
    ['[::ffff:127.0.0.1]', 'ipv4-mapped'],
    ['[::ffff:93.184.216.34]', 'ipv4-mapped'],
    ['[::127.0.0.1]', 'ipv4-mapped'],
    ['[fd00:ec2::254]', 'metadata'],
    ['[fd12:3456::1]', 'unique-local'],
    ['[fc00::1]', 'unique-local'],
    ['[fe80::1]', 'link-local'],
    ['[fec0::1]', 'site-local'],
    ['[ff02::1]', 'multicast'],
    ['[2001:db8::1]', 'documentation'],
    ['[64:ff9b::a9fe:a9fe]', 'metadata'],
    ['[2002:7f00:1::]', 'loopback'],
  ])('blocks %s as %s', (host, category) => {
    expect(classifyHost(host)).toMatchObject({ blocked: true, category });
  });

  it.each([
    '93.184.216.34',
    '8.8.8.8',
    '172.32.0.1',
    '100.128.0.1',
    '[2606:2800:220:1:248:1893:25c8:1946]',
    '[2400:3200::1]',
  ])('allows the public address %s', (host) => {
    expect(classifyHost(host)).toMatchObject({ blocked: false });
  });

  it('labels what it refuses in words', () => {
    expect(classifyHost('169.254.169.254')).toMatchObject({ label: 'cloud metadata address' });
    expect(classifyHost('[::ffff:10.0.0.1]')).toMatchObject({ label: 'IPv4-mapped IPv6 address (10.0.0.1)' });
  });
});
