/**
 * Legacy Office files before Unicode (Excel 5/95, Word 6/95) store text in the Windows code page of
 * the machine that wrote them: GBK (936) on Chinese Windows. Decoding uses the runtime's WHATWG
 * decoders (the same that decode pages), so no code-page tables are bundled.
 */

/** WHATWG labels of the Windows code pages a government file may carry. */
const LABELS: Record<number, string> = {
  874: 'windows-874',
  932: 'shift_jis',
  936: 'gbk',
  949: 'euc-kr',
  950: 'big5',
  1200: 'utf-16le',
  1250: 'windows-1250',
  1251: 'windows-1251',
  1252: 'windows-1252',
  1253: 'windows-1253',
  1254: 'windows-1254',
  1255: 'windows-1255',
  1256: 'windows-1256',
  1257: 'windows-1257',
  1258: 'windows-1258',
  10000: 'macintosh',
  32768: 'macintosh',
  54936: 'gb18030',
};

/** The code page of most legacy files on Chinese government sites, used when a file names none. */
export const DEFAULT_CODE_PAGE = 936;

/**
 * A decoder for a Windows code page. An unknown one (an OEM page such as 437) is decoded as GBK:
 * digits and Latin letters, all the detectors need from such a file, read the same in every one.
 */
export function codePageDecoder(codePage: number): TextDecoder {
  return new TextDecoder(LABELS[codePage] ?? LABELS[DEFAULT_CODE_PAGE]!);
}

/** Windows language ids (LCID) of the CJK languages, and their ANSI code pages. */
const LANGUAGE_CODE_PAGES = new Map<number, number>([
  [0x0804, 936], // Chinese (PRC)
  [0x1004, 936], // Chinese (Singapore)
  [0x0404, 950], // Chinese (Taiwan)
  [0x0c04, 950], // Chinese (Hong Kong)
  [0x1404, 950], // Chinese (Macao)
  [0x0411, 932], // Japanese
  [0x0412, 949], // Korean
]);

/** The ANSI code page of a Windows language id; null when the language does not settle it. */
export function codePageOfLanguage(lid: number): number | null {
  return LANGUAGE_CODE_PAGES.get(lid) ?? null;
}
