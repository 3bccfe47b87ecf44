/** What the caller can do with a response body. */
export type ContentClass = 'html' | 'pdf' | 'office' | 'other';

const OFFICE_TYPES = [
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
  'application/vnd.ms-works',
  'application/rtf',
  'application/wps-office',
  'application/kswps',
  'application/kset',
  'application/ksdps',
];
const OFFICE_PREFIXES = [
  'application/vnd.openxmlformats-officedocument.',
  'application/vnd.oasis.opendocument.',
];
const OFFICE_EXTENSIONS = [
  'doc',
  'docx',
  'xls',
  'xlsx',
  'ppt',
  'pptx',
  'wps',
  'et',
  'dps',
  'odt',
  'ods',
  'rtf',
];

function extensionOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const match = /\.([a-z0-9]{2,5})$/i.exec(new URL(url).pathname);
    return match ? match[1]!.toLowerCase() : null;
  } catch {
    return null;
  }
}

/**
 * Classifies a response by its media type, falling back to the URL's extension when the server
 * sends a generic type: attachments on government sites are often served as
 * application/octet-stream or with no type at all.
 */
export function classifyContentType(contentType: string | undefined, url?: string): ContentClass {
  const media = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (media === 'text/html' || media === 'application/xhtml+xml') return 'html';
  if (media === 'application/pdf' || media === 'application/x-pdf') return 'pdf';
  if (OFFICE_TYPES.includes(media) || OFFICE_PREFIXES.some((p) => media.startsWith(p))) return 'office';
  const generic = media === '' || media === 'application/octet-stream' || media === 'application/x-download';
  if (!generic) return 'other';
  const ext = extensionOf(url);
  if (ext === 'htm' || ext === 'html' || ext === 'shtml') return 'html';
  if (ext === 'pdf') return 'pdf';
  if (ext && OFFICE_EXTENSIONS.includes(ext)) return 'office';
  return 'other';
}

/** XML, as a list's paging endpoint answers (Hanweb's dataproxy.jsp): list markup, not a file. */
export function isXmlType(contentType: string | undefined): boolean {
  const media = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return media === 'text/xml' || media === 'application/xml';
}
