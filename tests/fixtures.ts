import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The shared fixtures folder beside the checkout (never copied into the repo). */
export const FIXTURES = resolve(import.meta.dirname, '../../shared/fixtures');

if (!existsSync(FIXTURES)) {
  throw new Error(`Test fixtures not found at ${FIXTURES}: the shared/ folder must sit beside the checkout.`);
}

/** Absolute path of a fixture. */
export function fixture(rel: string): string {
  return resolve(FIXTURES, rel);
}

/** Bytes of a fixture. */
export function fixtureBytes(rel: string): Uint8Array {
  return new Uint8Array(readFileSync(fixture(rel)));
}
