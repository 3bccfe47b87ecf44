/** sha256 (hex, first 16 characters) over the names and contents of every file under `dir`. */
export function sourceDigest(dir: string): string;
