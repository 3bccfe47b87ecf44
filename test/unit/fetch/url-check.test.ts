import { describe, expect, it } from 'vitest';
import { checkUrl, HostAllowlist } from '../../../src/crawl/fetch/host-allowlist';

const allowlist = new HostAllowlist([
  { host: 'www.JiangMen.gov.cn', allowPrivateNetwork: false },
  { host: '127.0.0.1:8080', allowPrivateNetwork: true },
  { host: 'intranet.example:9000', allowPrivateNetwork: false },
]);

describe('URL check before any connection', () => {
  it('admits a listed host on any port when the entry names none, case-insensitively', () => {
    expect(checkUrl('https://WWW.jiangmen.gov.cn/zwgk/', allowlist)).toMatchObject({ ok: true });
    expect(checkUrl('http://www.jiangmen.gov.cn:8081/', allowlist)).toMatchObject({ ok: true });
  });

  it('admits only the named port when the entry names one', () => {
    expect(checkUrl('http://intranet.example:9000/', allowlist)).toMatchObject({ ok: true });
    expect(checkUrl('http://intranet.example:9001/', allowlist)).toMatchObject({
      ok: false,
      reason: 'host-not-allowed',
    });
  });

  it('admits a private literal only for a source that opted in', () => {
    expect(checkUrl('http://127.0.0.1:8080/', allowlist)).toMatchObject({ ok: true });
    expect(checkUrl('http://127.0.0.1:8081/', allowlist)).toMatchObject({
      ok: false,
      reason: 'blocked-ssrf',
      subject: '127.0.0.1',
      why: 'loopback address',
    });
  });

  it('resolves a relative redirect against the current URL', () => {
    const check = checkUrl('../b/c.htm', allowlist, new URL('http://www.jiangmen.gov.cn/a/x/index.htm'));
    expect(check.ok && check.url.href).toBe('http://www.jiangmen.gov.cn/a/b/c.htm');
  });

  it('refuses other schemes and non-URLs', () => {
    expect(checkUrl('javascript:alert(1)', allowlist)).toMatchObject({ ok: false, reason: 'invalid-url' });
    expect(checkUrl('file:///etc/passwd', allowlist)).toMatchObject({ ok: false, reason: 'invalid-url' });
    expect(checkUrl('http://', allowlist)).toMatchObject({ ok: false, reason: 'invalid-url' });
  });
});
