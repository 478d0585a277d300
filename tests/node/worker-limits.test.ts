import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INGEST_WORKER_LIMITS } from '../../src/node/worker-limits';

describe('ingestion worker limits', () => {
  it('the bench runner measures memory under the same limits as the app', () => {
    // bench-ingest-runner.mjs is plain JavaScript and cannot import the TypeScript module.
    const runner = readFileSync(resolve(import.meta.dirname, '../../scripts/bench-ingest-runner.mjs'), 'utf8');
    const limits = /const resourceLimits = (\{[^}]*\});/.exec(runner)?.[1];
    expect(limits, 'resourceLimits in bench-ingest-runner.mjs').toBeDefined();
    expect(JSON.parse(limits!.replace(/(\w+):/g, '"$1":'))).toEqual(INGEST_WORKER_LIMITS);
  });
});
