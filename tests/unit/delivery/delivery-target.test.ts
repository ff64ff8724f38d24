import { describe, expect, it } from 'vitest';
import { deliveryUrlProblem, PUBLIC_HTTPS_ONLY } from '../../../lib/delivery/delivery-target.js';

const LOCAL = { allowLoopback: true };

describe('delivery URLs on AWS (public https only)', () => {
  it.each([
    'https://bridge.example.com/retain',
    'https://bridge.example.com:8443/retain?token=t',
    'https://93.184.215.14/retain',
    'https://[2606:2800:220:1:248:1893:25c8:1946]/retain',
  ])('accept %s', (url) => {
    // Arrange + Act + Assert
    expect(deliveryUrlProblem(url, PUBLIC_HTTPS_ONLY)).toBeUndefined();
  });

  it.each([
    ['http://bridge.example.com/retain', 'must be an https URL'],
    ['ftp://bridge.example.com/retain', 'must be an https URL'],
    ['bridge.example.com/retain', 'must be an absolute URL'],
    ['https://user:secret@bridge.example.com/retain', 'must not carry a user name or password'],
    ['https://169.254.169.254/latest/meta-data/', 'must not point at 169.254.169.254, a link-local address'],
    ['https://127.0.0.1/', 'must not point at 127.0.0.1, a loopback address'],
    ['https://127.1/', 'must not point at 127.0.0.1, a loopback address'],
    ['https://2130706433/', 'must not point at 127.0.0.1, a loopback address'],
    ['https://0x7f000001/', 'must not point at 127.0.0.1, a loopback address'],
    ['https://0.0.0.0/', 'must not point at 0.0.0.0, an unspecified address'],
    ['https://10.0.0.1/', 'must not point at 10.0.0.1, a private address'],
    ['https://172.16.5.4/', 'must not point at 172.16.5.4, a private address'],
    ['https://192.168.1.1/', 'must not point at 192.168.1.1, a private address'],
    ['https://100.64.0.1/', 'must not point at 100.64.0.1, a shared address'],
    ['https://[::1]/', 'must not point at ::1, a loopback address'],
    ['https://[::ffff:169.254.169.254]/', 'must not point at 169.254.169.254, a link-local address'],
    ['https://[::ffff:127.0.0.1]/', 'must not point at 127.0.0.1, a loopback address'],
    ['https://[fd00:ec2::254]/', 'must not point at fd00:ec2::254, a unique-local IPv6 address'],
    ['https://[fe80::1]/', 'must not point at fe80::1, a link-local address'],
    ['https://[64:ff9b::a9fe:a9fe]/', 'must not point at 64:ff9b::a9fe:a9fe, a reserved address'],
    ['https://[::a9fe:a9fe]/', 'must not point at ::a9fe:a9fe, a reserved address'],
    ['https://[2002:a9fe:a9fe::]/', 'must not point at 2002:a9fe:a9fe::, a reserved address'],
    ['https://localhost/', 'must not point at "localhost", this machine'],
    ['https://LOCALHOST./', 'must not point at "localhost", this machine'],
    ['https://api.localhost/', 'must not point at "api.localhost", this machine'],
  ])('refuse %s', (url, problem) => {
    // Arrange + Act + Assert
    expect(deliveryUrlProblem(url, PUBLIC_HTTPS_ONLY)).toMatch(new RegExp(`^${problem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });
});

describe('delivery URLs in the local harness with loopback allowed', () => {
  it.each(['http://127.0.0.1:4000/retain', 'http://localhost:4000/retain', 'https://[::1]:4000/retain', 'http://bridge.example.com/retain'])('accept %s', (url) => {
    // Arrange + Act + Assert
    expect(deliveryUrlProblem(url, LOCAL)).toBeUndefined();
  });

  it.each(['http://169.254.169.254/', 'http://10.0.0.1/', 'http://[::ffff:10.0.0.1]/', 'ftp://127.0.0.1/'])('still refuse %s', (url) => {
    // Arrange + Act + Assert
    expect(deliveryUrlProblem(url, LOCAL)).toBeDefined();
  });
});
