/** A value or a readable error message; how fallible calls answer across every boundary. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

/** Wraps a successful value. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Wraps a failure with a message a person can read. */
export function fail(error: string): { ok: false; error: string } {
  return { ok: false, error };
}

/** The readable message of anything thrown. */
export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message || e.name;
  if (typeof e === 'string') return e;
  return 'Unknown error';
}
