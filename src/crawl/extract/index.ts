/** The crawler's extract layer: bytes and headers in, items, dates and attachments out. No network I/O. */

export {
  type DateContext,
  type DateReading,
  dateFromUrl,
  findLabelledDate,
  parseShownDate,
  type YearSource,
  yearFromText,
  yearFromUrl,
} from './dates';
export {
  canonicalCharset,
  charsetFromContentType,
  charsetFromMeta,
  type DecodedHtml,
  type DecodeOptions,
  decodeHtml,
  type EncodingSource,
} from './decode';
export { type DetailOptions, extractDetail } from './detail';
export { loadHtml, textOf } from './dom';
export { MAX_DEPTH, parseHtml } from './html-tree';
export { extractList, type ListOptions } from './list';
export { metaDate, yearContext } from './page-context';
export { findNextPages } from './pagination';
export { completesCutTitle, isCutTitle, withoutMarkers } from './titles';
export * from './types';
export { isAttachmentUrl, resolveHref, sameHost } from './urls';
