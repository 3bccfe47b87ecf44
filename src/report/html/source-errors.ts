/**
 * A source's last error in the report's language. The crawler records `<reason>: <message>` in
 * English (src/crawl/source/page-checks.ts); the Chinese report names the reason in Chinese and
 * translates the messages whose shape it knows. Addresses stay as written; a message of unknown
 * shape is shown as written after the Chinese reason.
 */
const REASONS_ZH: Record<string, string> = {
  network: '网络错误，无法连接',
  timeout: '响应超时',
  deadline: '巡检时限已到',
  'http-status': 'HTTP 错误',
  'too-large': '页面过大',
  'decompression-failed': '解压失败',
  'redirect-loop': '重定向循环',
  'too-many-redirects': '重定向次数过多',
  'blocked-robots': 'robots.txt 禁止抓取',
  'host-not-allowed': '不在本数据源允许的主机范围内',
  'blocked-ssrf': '地址指向内网，拒绝访问',
  'invalid-url': '网址无效',
};

const MESSAGES_ZH: [RegExp, (...groups: string[]) => string][] = [
  [
    /^(\S+) not fetched: robots\.txt could not be read \(HTTP (\d+)\); the host is treated as disallowed for this sweep$/,
    (url, status) => `未抓取 ${url}：无法读取 robots.txt（HTTP ${status}），本次巡检视该网站为禁止抓取`,
  ],
  [/^(\S+) not fetched: (\S+) disallows it$/, (url, robots) => `未抓取 ${url}：${robots} 禁止抓取该地址`],
  [/^(\S+) not fetched: the crawl's deadline passed$/, (url) => `未抓取 ${url}：本次巡检时限已到`],
  [/^(\S+) answered HTTP (\d+)$/, (url, status) => `${url} 返回 HTTP ${status}`],
  [
    /^(\S+) declares (\d+) bytes, over the (\d+)-byte limit$/,
    (url, size, limit) => `${url} 声明大小 ${size} 字节，超过 ${limit} 字节上限`,
  ],
];

/** `reason: message` in Chinese where its shape is known; otherwise the reason named, the rest as written. */
export function sourceErrorInChinese(error: string): string {
  const at = error.indexOf(': ');
  const code = at > 0 ? error.slice(0, at) : '';
  const label = REASONS_ZH[code];
  if (!label) return error;
  const message = error.slice(at + 2);
  for (const [shape, say] of MESSAGES_ZH) {
    const m = shape.exec(message);
    if (m) return `${label}：${say(...m.slice(1))}`;
  }
  return `${label}：${message}`;
}
