import { Parser } from 'htmlparser2';
import type { TextSegment } from '../../core/privacy';
import { type TextLimits, UnreadError } from './limits';
import { BoundedZip } from './zip';

/** Parses XML with htmlparser2's streaming parser (no DOM: a sheet of a million cells stays flat). */
function walk(
  xml: string,
  handlers: {
    open?: (name: string, attrs: Record<string, string>) => void;
    text?: (t: string) => void;
    close?: (name: string) => void;
  },
): void {
  const parser = new Parser(
    {
      onopentag: (name, attrs) => handlers.open?.(name, attrs),
      ontext: (t) => handlers.text?.(t),
      onclosetag: (name) => handlers.close?.(name),
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(xml);
  parser.end();
}

function sharedStrings(zip: BoundedZip): string[] {
  if (!zip.has('xl/sharedStrings.xml')) return [];
  const strings: string[] = [];
  let current = '';
  let inText = false;
  let inPhonetic = false;
  walk(zip.text('xl/sharedStrings.xml'), {
    open: (name) => {
      if (name === 'si') current = '';
      else if (name === 'rPh') inPhonetic = true;
      else if (name === 't') inText = true;
    },
    text: (t) => {
      if (inText && !inPhonetic) current += t;
    },
    close: (name) => {
      if (name === 't') inText = false;
      else if (name === 'rPh') inPhonetic = false;
      else if (name === 'si') strings.push(current);
    },
  });
  return strings;
}

/** Sheet names and the archive paths of their XML, in workbook order. */
function sheets(zip: BoundedZip): { name: string; path: string }[] {
  const targets = new Map<string, string>();
  if (zip.has('xl/_rels/workbook.xml.rels')) {
    walk(zip.text('xl/_rels/workbook.xml.rels'), {
      open: (name, a) => {
        if (name === 'Relationship' && a.Id && a.Target) {
          const target = a.Target.replace(/^\/?xl\//, '').replace(/^\//, '');
          targets.set(a.Id, `xl/${target}`);
        }
      },
    });
  }
  const out: { name: string; path: string }[] = [];
  walk(zip.text('xl/workbook.xml'), {
    open: (name, a) => {
      if (name !== 'sheet') return;
      const path = targets.get(a['r:id'] ?? '') ?? `xl/worksheets/sheet${out.length + 1}.xml`;
      out.push({ name: a.name ?? `Sheet${out.length + 1}`, path });
    },
  });
  return out;
}

const columnOf = (ref: string | undefined) => (ref ?? '').replace(/\d+$/, '');

/**
 * The cells of every sheet of an .xlsx, one segment per non-empty cell located by sheet and row,
 * with its column's header (the sheet's first non-empty row) and the cell before it as context.
 * Numbers Excel rounded to 15 digits (6.22202123456789E+18) are no longer the number and are skipped
 * by the detectors' validators.
 */
export function xlsxSegments(
  bytes: Uint8Array,
  limits: TextLimits,
): { segments: TextSegment[]; cut: boolean } {
  const zip = new BoundedZip(bytes, limits);
  if (!zip.has('xl/workbook.xml')) throw new UnreadError('not a spreadsheet: xl/workbook.xml missing');
  const strings = sharedStrings(zip);
  const segments: TextSegment[] = [];
  let cells = 0;
  let cut = false;
  for (const sheet of sheets(zip)) {
    if (cut) break;
    const headers = new Map<string, string>();
    let headerRow: string | null = null;
    let row = '';
    let cell: { ref: string; type: string; value: string } | null = null;
    let inValue = false;
    let previous = '';
    walk(zip.text(sheet.path), {
      open: (name, a) => {
        if (cut) return;
        if (name === 'row') {
          row = a.r ?? String(Number(row || 0) + 1);
          previous = '';
        } else if (name === 'c') cell = { ref: a.r ?? '', type: a.t ?? 'n', value: '' };
        else if (name === 'v' || name === 't') inValue = true;
      },
      text: (t) => {
        if (inValue && cell) cell.value += t;
      },
      close: (name) => {
        if (name === 'v' || name === 't') inValue = false;
        if (name !== 'c' || !cell || cut) return;
        if (++cells > limits.maxCells) {
          cut = true;
          return;
        }
        const text = (cell.type === 's' ? (strings[Number(cell.value)] ?? '') : cell.value).trim();
        const column = columnOf(cell.ref);
        cell = null;
        if (!text) return;
        if (headerRow === null) headerRow = row;
        if (row === headerRow) headers.set(column, text);
        const context = [headers.get(column), previous].filter(Boolean).join(' ');
        previous = text;
        const header = row === headerRow ? undefined : headers.get(column);
        segments.push({
          text,
          where: `sheet ${sheet.name} row ${row}`,
          ...(context ? { context } : {}),
          ...(header ? { header } : {}),
        });
      },
    });
  }
  return { segments, cut };
}
