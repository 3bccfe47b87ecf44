/**
 * What reading one file for personal data may cost. A spreadsheet of a hundred thousand subsidy
 * recipients is read (it is exactly what leaks); a zip bomb or a 500-page scan is cut off, and the
 * cut recorded, so the verdict never claims a file clean that was not read.
 */
export interface TextLimits {
  /** Bytes one zip entry (a sheet, the document body) may inflate to. */
  maxEntryBytes: number;
  /** Bytes all entries of one file may inflate to together. */
  maxInflatedBytes: number;
  /** Inflated bytes per compressed byte beyond which an entry is taken for a bomb. */
  maxRatio: number;
  /** Spreadsheet cells read per file. */
  maxCells: number;
  /** PDF pages read per file. */
  maxPdfPages: number;
  /** Characters of text read per file. */
  maxChars: number;
}

export const DEFAULT_TEXT_LIMITS: TextLimits = {
  maxEntryBytes: 64 * 1024 * 1024,
  maxInflatedBytes: 128 * 1024 * 1024,
  maxRatio: 200,
  maxCells: 1_000_000,
  maxPdfPages: 300,
  maxChars: 20 * 1024 * 1024,
};

/** A file (or a part of it) was not read; the reason goes into the scan's `unread` list. */
export class UnreadError extends Error {}

/**
 * Runs a binary-format reader, turning a read past the end of a damaged file (Node's RangeError)
 * into an unread reason that names the damage, not "too large".
 */
export function unreadIfDamaged<T>(what: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof RangeError) throw new UnreadError(`damaged ${what}: ${error.message}`);
    throw error;
  }
}
