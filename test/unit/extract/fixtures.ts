import { readFileSync } from 'node:fs';

/** Raw bytes of a page under test/fixtures/pages. */
export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../../fixtures/pages/${name}`, import.meta.url)));
}

/** A UTF-8 fixture as text. */
export function fixtureText(name: string): string {
  return new TextDecoder().decode(fixtureBytes(name));
}
