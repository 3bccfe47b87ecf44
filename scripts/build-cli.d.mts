export const CLI_OUT_DIR: string;
export const CLI_ENTRY: string;
/** Builds dist/cli.js and its chunks; resolves when they are written. */
export function buildCli(options?: { quiet?: boolean }): Promise<void>;
