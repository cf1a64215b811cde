// Proves the dependency rule (build/dependency-rule.mjs, docs/ARCHITECTURE.md) bites: a small fixture
// tree holds one violation per rule plus imports the rule must allow, and dependency-cruiser must
// report exactly the violations. Then the real tree must be clean.
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { cruise, type ICruiseOptions, type ICruiseResult, type IViolation } from 'dependency-cruiser';
import { afterAll, describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '..');
const ruleFile = './dependency-rule.mjs'; // through a variable: the config is plain JavaScript, without types
const rule = ((await import(ruleFile)) as { default: { forbidden: { name: string }[]; options: ICruiseOptions } }).default;
const roots = ['gateway', 'shared', 'electron', 'renderer', 'lab', 'e2e', 'bench', 'build', 'bin'];

// A package by its name, whatever file it resolves to (electron is optional: unresolved it stays `electron`).
const packageName = (to: string) => to.replace(/^node_modules\/([^/]+)\/.*$/, '$1');

async function violations(baseDir: string, known: IViolation[] = []): Promise<string[]> {
  const dirs = roots.filter((dir) => existsSync(join(baseDir, dir)));
  const { output } = await cruise(dirs, { ...rule.options, baseDir, validate: true, ruleSet: rule as never, knownViolations: known });
  return (output as ICruiseResult).summary.violations.filter((v) => v.rule.severity !== 'ignore').map((v) => `${v.rule.name}: ${v.from} -> ${packageName(v.to)}`).sort();
}

// path -> source. Each violating file is named after the rule it breaks.
const fixture: Record<string, string> = {
  // Targets (import nothing).
  'gateway/src/index.ts': 'export const root = 1;\n',
  'gateway/src/ssh/server.ts': 'export const ssh = 1;\n',
  'gateway/src/store/db.ts': "import { seal } from '../custody/seal';\nexport const db = seal;\n",
  'gateway/src/custody/seal.ts': 'export const seal = 1;\n',
  'electron/core/plain.ts': "import { Client } from 'ssh2';\nimport { readFileSync } from 'node:fs';\nexport const c = [Client, readFileSync];\n",
  'lab/lab.ts': 'export const lab = 1;\n',
  'renderer/src/b/index.ts': "export { b } from './internal';\n",
  'renderer/src/b/internal.ts': 'export const b = 1;\n',
  'renderer/src/model/pure.ts': 'export const m = 1;\n',
  'renderer/src/gateway/index.ts': 'export const area = 1;\n',
  'shared/contract/gateway/section.ts': 'export const section = 1;\n',
  'shared/contract/client-api.ts': 'export const clientMethods = {};\nexport type ClientMethods = typeof clientMethods;\n',

  // Allowed: downward layers, another area through its index, folders named like programs, tests.
  'renderer/src/a/allowed.ts':
    "import { b } from '../b';\nimport { m } from '../model/pure';\nimport { area } from '../gateway';\nimport { section } from '../../../shared/contract/gateway/section';\nexport const a = [b, m, area, section];\n",
  'renderer/src/a/allowed-contract-types.ts': "import type { ClientMethods } from '../../../shared/contract/client-api';\nexport type X = ClientMethods;\n",
  'gateway/src/sessions/allowed.ts': "import { db } from '../store/db';\nexport const s = db;\n",
  'gateway/src/cli/allowed.ts': "import { root } from '../index';\nimport { s } from '../sessions/allowed';\nexport const c = [root, s];\n",
  'gateway/src/sessions/allowed.test.ts': "import { ssh } from '../ssh/server';\nimport { lab } from '../../../lab/lab';\nexport const t = [ssh, lab];\n",

  // One violation each.
  'renderer/src/a/renderer-no-node.ts': "import { Client } from 'ssh2';\nexport const x = Client;\n",
  'renderer/src/a/renderer-no-programs.ts': "import { root } from '../../../gateway/src/index';\nexport const x = root;\n",
  'shared/contract/shared-pure.ts': "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
  'shared/node/shared-below-programs.ts': "import { c } from '../../electron/core/plain';\nexport const x = c;\n",
  'gateway/src/access/gateway-not-client.ts': "import { c } from '../../../electron/core/plain';\nexport const x = c;\n",
  'electron/main/client-not-gateway.ts': "import { root } from '../../gateway/src/index';\nexport const x = root;\n",
  'electron/core/client-core-plain-node.ts': "import type { App } from 'electron';\nexport type X = App;\n",
  'gateway/src/access/programs-not-tooling.ts': "import { lab } from '../../../lab/lab';\nexport const x = lab;\n",
  'gateway/src/ssh/gateway-adapter-not-root.ts': "import { root } from '../index';\nexport const x = root;\n",
  // A capability folder nobody listed is core: it may not import an adapter.
  'gateway/src/new-capability/gateway-core-not-up.ts': "import { ssh } from '../ssh/server';\nexport const x = ssh;\n",
  'gateway/src/store/gateway-store-not-up.ts': "import { s } from '../sessions/allowed';\nexport const x = s;\n",
  'gateway/src/custody/gateway-base-not-up.ts': "import { db } from '../store/db';\nexport const x = db;\n",
  'renderer/src/a/first-screen-contract.ts': "import { clientMethods } from '../../../shared/contract/client-api';\nexport const x = clientMethods;\n",
  'renderer/src/model/renderer-model-pure.ts': "import { useState } from 'react';\nexport const x = useState;\n",
  'renderer/src/a/renderer-area-through-index.ts': "import { b } from '../b/internal';\nexport const x = b;\n",
  'gateway/src/access/no-circular.ts': "import { y } from './no-circular-too';\nexport const x = 1;\nexport const z = y;\n",
  'gateway/src/access/no-circular-too.ts': "import { x } from './no-circular';\nexport const y = x;\n",
  'gateway/src/access/not-to-unresolvable.ts': "import { nothing } from './not-there';\nexport const x = nothing;\n",
};

const expected = [
  'renderer-no-node: renderer/src/a/renderer-no-node.ts -> ssh2',
  'renderer-no-programs: renderer/src/a/renderer-no-programs.ts -> gateway/src/index.ts',
  'shared-pure: shared/contract/shared-pure.ts -> fs',
  'shared-below-programs: shared/node/shared-below-programs.ts -> electron/core/plain.ts',
  'gateway-not-client: gateway/src/access/gateway-not-client.ts -> electron/core/plain.ts',
  'client-not-gateway: electron/main/client-not-gateway.ts -> gateway/src/index.ts',
  'client-core-plain-node: electron/core/client-core-plain-node.ts -> electron',
  'programs-not-tooling: gateway/src/access/programs-not-tooling.ts -> lab/lab.ts',
  'gateway-adapter-not-root: gateway/src/ssh/gateway-adapter-not-root.ts -> gateway/src/index.ts',
  'gateway-core-not-up: gateway/src/new-capability/gateway-core-not-up.ts -> gateway/src/ssh/server.ts',
  'gateway-store-not-up: gateway/src/store/gateway-store-not-up.ts -> gateway/src/sessions/allowed.ts',
  'gateway-base-not-up: gateway/src/custody/gateway-base-not-up.ts -> gateway/src/store/db.ts',
  'first-screen-contract: renderer/src/a/first-screen-contract.ts -> shared/contract/client-api.ts',
  'renderer-model-pure: renderer/src/model/renderer-model-pure.ts -> react',
  'renderer-area-through-index: renderer/src/a/renderer-area-through-index.ts -> renderer/src/b/internal.ts',
  'no-circular: gateway/src/access/no-circular-too.ts -> gateway/src/access/no-circular.ts',
  'not-to-unresolvable: gateway/src/access/not-to-unresolvable.ts -> ./not-there',
];

describe('dependency rule', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dependency-rule-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports exactly the one violation planted for each rule, and nothing that is allowed', async () => {
    symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'));
    for (const [path, source] of Object.entries(fixture)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), source);
    }
    const found = await violations(dir);
    expect(found).toEqual([...expected].sort());
    // Every rule of the config is proved by the fixture.
    expect(new Set(rule.forbidden.map((r) => r.name))).toEqual(new Set(expected.map((line) => line.split(':')[0])));
  });

  it('finds nothing in the real tree', async () => {
    expect(await violations(repo)).toEqual([]);
  });
});
