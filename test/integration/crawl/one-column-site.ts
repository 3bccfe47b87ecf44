/** A source of one column on a local test server, as the crawl tests describe their sites. */
import { type Source, SourceSchema } from '../../../src/core/source';

export function oneColumnSource(site: {
  id: string;
  name: string;
  origin: string;
  column: { id: string; name: string; path: string };
  limits?: Record<string, unknown>;
}): Source {
  return SourceSchema.parse({
    id: site.id,
    units: ['市政务服务数据管理局'],
    name: site.name,
    homepage: `${site.origin}/`,
    allowPrivateNetwork: true,
    columns: [
      {
        id: site.column.id,
        name: site.column.name,
        url: `${site.origin}${site.column.path}`,
        kind: 'notice',
      },
    ],
    limits: { perHostDelayMs: 0, ...site.limits },
  });
}

/** Response headers of a UTF-8 HTML body. */
export const htmlHeaders = (body: string) => ({
  'content-type': 'text/html; charset=utf-8',
  'content-length': Buffer.byteLength(body),
});

/** Response headers of an Office attachment. */
export const officeHeaders = (kind: 'xlsx' | 'docx', body: Buffer) => ({
  'content-type':
    kind === 'xlsx'
      ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
      : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'content-length': body.byteLength,
});
