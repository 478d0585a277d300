import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: resolve(import.meta.dirname, '..') });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(import.meta.dirname, '..', filePath) });
  return result!.messages.map((m) => m.ruleId ?? m.message);
}

describe('layer rules', () => {
  it.each([
    ["import { ipcRenderer } from 'electron';\nvoid ipcRenderer;", 'src/renderer/src/x.ts'],
    ["import { readFileSync } from 'node:fs';\nvoid readFileSync;", 'src/renderer/src/x.ts'],
    ["import { readFileSync } from 'node:fs';\nvoid readFileSync;", 'src/shared/x.ts'],
    ["import path from 'path';\nvoid path;", 'src/shared/x.ts'],
    ["import { app } from 'electron';\nvoid app;", 'src/shared/x.ts'],
    ["import { useState } from 'react';\nvoid useState;", 'src/shared/x.ts'],
    ["import { APP_ORIGIN } from '../main/security';\nvoid APP_ORIGIN;", 'src/shared/x.ts'],
  ])('forbid %s in %s', async (code, file) => {
    expect(await ruleIds(code, file)).toContain('no-restricted-imports');
  });

  it('allow electron and Node in main', async () => {
    expect(await ruleIds("import { app } from 'electron';\nimport { join } from 'node:path';\nvoid app; void join;", 'src/main/x.ts')).toEqual([]);
  });

  it('forbid dangerouslySetInnerHTML and innerHTML everywhere', async () => {
    expect(await ruleIds('export const A = () => <div dangerouslySetInnerHTML={{ __html: "x" }} />;', 'src/renderer/src/A.tsx')).toContain('no-restricted-syntax');
    expect(await ruleIds('document.body.innerHTML = "x";', 'src/renderer/src/b.ts')).toContain('no-restricted-syntax');
  });
});
