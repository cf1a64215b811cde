// Proves the dependency rule of docs/ARCHITECTURE.md is enforced: lint the same import from
// files in different folders and check which are refused.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function refusals(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('dependency rule', () => {
  it.each([
    ['renderer/src/probe.ts', "import { Client } from 'ssh2';\nexport const c = Client;\n"],
    ['renderer/src/probe.ts', "import { ipcRenderer } from 'electron';\nexport const c = ipcRenderer;\n"],
    ['renderer/src/probe.ts', "import { readFileSync } from 'node:fs';\nexport const c = readFileSync;\n"],
    ['renderer/src/probe.ts', "import { readFileSync } from 'fs';\nexport const c = readFileSync;\n"],
    ['renderer/src/probe.ts', "import { x } from '../../gateway/src/index';\nexport const c = x;\n"],
    ['renderer/src/probe.ts', "import { x } from '../../electron/core/index';\nexport const c = x;\n"],
    ['shared/contract/probe.ts', "import { readFileSync } from 'node:fs';\nexport const c = readFileSync;\n"],
    ['shared/contract/probe.ts', "import { x } from '../../gateway/src/index';\nexport const c = x;\n"],
    ['electron/core/probe.ts', "import { app } from 'electron';\nexport const c = app;\n"],
    ['electron/browser-shell/probe.ts', "import { app } from 'electron';\nexport const c = app;\n"],
    ['electron/core/probe.ts', "import { x } from '../../gateway/src/index';\nexport const c = x;\n"],
    ['electron/main/probe.ts', "import { x } from '../../gateway/src/index';\nexport const c = x;\n"],
    ['gateway/src/probe.ts', "import { x } from '../../electron/core/index';\nexport const c = x;\n"],
    ['gateway/src/probe.ts', "import { app } from 'electron';\nexport const c = app;\n"],
  ])('refuses %s: %s', async (file, code) => {
    expect(await refusals(file, code)).not.toEqual([]);
  });

  it.each([
    ['renderer/src/probe.ts', "import { z } from 'zod';\nimport { clientMethods } from '../../shared/contract/client-api';\nexport const c = [z, clientMethods];\n"],
    ['gateway/src/probe.ts', "import { Server } from 'ssh2';\nimport { readFileSync } from 'node:fs';\nimport { parseTarget } from '../../shared/contract/target';\nexport const c = [Server, readFileSync, parseTarget];\n"],
    ['electron/core/probe.ts', "import { Client } from 'ssh2';\nimport { clientMethods } from '../../shared/contract/client-api';\nexport const c = [Client, clientMethods];\n"],
    ['electron/main/probe.ts', "import { app } from 'electron';\nimport { x } from '../core/index';\nexport const c = [app, x];\n"],
    ['shared/node/probe.ts', "import { readFileSync } from 'node:fs';\nexport const c = readFileSync;\n"],
  ])('allows %s', async (file, code) => {
    expect(await refusals(file, code)).toEqual([]);
  });
});
