import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The layer rules of ARCHITECTURE.md, enforced by eslint.config.js, checked on sample sources. */
async function lintErrors(filePath: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: process.cwd() });
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer rules', () => {
  it('refuses Node built-ins and better-sqlite3 in the renderer', async () => {
    expect(await lintErrors('renderer/pages/x-page.tsx', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n")).toHaveLength(1);
    expect(await lintErrors('renderer/pages/x-page.tsx', "import Database from 'better-sqlite3';\nexport const x = Database;\n")).toHaveLength(1);
    expect(await lintErrors('renderer/pages/x-page.tsx', "import { writeRecord } from '../../db/write-path';\nexport const x = writeRecord;\n")).toHaveLength(1);
  });

  it('refuses electron outside the shell files, and anything platform-bound in shared/', async () => {
    expect(await lintErrors('electron/staff/x-handlers.ts', "import { app } from 'electron';\nexport const x = app;\n")).toHaveLength(1);
    expect(await lintErrors('electron/main.ts', "import { app } from 'electron';\nexport const x = app;\n")).toHaveLength(0);
    expect(await lintErrors('shared/x-rule.ts', "import { createHash } from 'node:crypto';\nexport const x = createHash;\n")).toHaveLength(1);
    expect(await lintErrors('db/x-table.ts', "import { app } from 'electron';\nexport const x = app;\n")).toHaveLength(1);
  });

  it('lets each layer import what it may', async () => {
    expect(await lintErrors('renderer/pages/x-page.tsx', "import { z } from 'zod';\nimport { parseIdNumber } from '../../shared/id-number';\nexport const x = [z, parseIdNumber];\n")).toHaveLength(0);
    expect(await lintErrors('db/x-table.ts', "import { join } from 'node:path';\nexport const x = join;\n")).toHaveLength(0);
  });
});
