import type { Document } from '../../../src/core/document';
import type { PersonalDataFinding } from '../../../src/core/privacy';

/** A document of the hrss site, first seen 2016-04-11, carrying the given findings. */
export function leakyDocument(findings: PersonalDataFinding[], over: Partial<Document> = {}): Document {
  return {
    url: 'http://hrss/t1.htm',
    sourceId: 'hrss',
    columnId: 'gs',
    columnKind: 'notice',
    units: [],
    title: '补贴名单公示',
    dateText: null,
    date: '2016-04-10',
    dateOrigin: 'list',
    firstSeen: '2016-04-11T02:00:00.000Z',
    lastSeen: '2016-04-11T02:00:00.000Z',
    sha256: 'page',
    attachments: [],
    absences: [],
    personalData: { scannedAt: '2016-04-11T02:00:00.000Z', findings, more: 0, unread: [] },
    ...over,
  };
}
