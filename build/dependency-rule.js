// The dependency rule (docs/ARCHITECTURE.md), as ESLint `no-restricted-imports` configs.
//
//   renderer/         browser only: shared/ (pure) and browser libraries. No Node, no ssh2, no electron.
//   shared/           pure (no Node, no DOM), except shared/node/ which may use Node.
//   electron/core/    the client's main side: runs in Electron's main process AND plain Node,
//   electron/browser-shell/   so neither may import `electron`.
//   electron/main/    Electron's main process; electron/preload/ the sandboxed bridge.
//   gateway/          the jump host. electron/ and gateway/ never import each other.
//   lab/, e2e/, bench/, build/  tooling that wires the programs together; nothing imports them
//                     except tests.
import { builtinModules } from 'node:module';

const nodeBuiltins = [...new Set(builtinModules.flatMap((m) => [m, `node:${m}`]))];
const nodeOnlyPackages = ['ssh2', 'better-sqlite3', 'ws', 'pino', 'commander', '@xterm/headless', 'tsx', 'esbuild'];

const banned = (names, message) => names.map((name) => ({ name, message }));
const folder = (glob, message) => ({ group: [glob, `${glob}/**`], message });

const noNode = banned(nodeBuiltins, 'Node built-ins are not available here (see docs/ARCHITECTURE.md).');
const noNodePackages = banned(nodeOnlyPackages, 'Node-only package: the renderer and pure shared code run without Node.');
const noElectron = banned(['electron'], 'This code must also run in plain Node: reach Electron only from electron/main or electron/preload.');
const toolingFolders = ['**/lab', '**/e2e', '**/bench'].map((g) => folder(g, 'Tooling may import product code, not the reverse.'));

function rule(files, paths, patterns, ignores = ['**/*.test.ts']) {
  return { files, ignores, rules: { 'no-restricted-imports': ['error', { paths, patterns }] } };
}

export const dependencyRuleConfigs = [
  rule(['renderer/**/*.{ts,tsx}'], [...noNode, ...noNodePackages, ...noElectron], [
    folder('**/gateway', 'The renderer reaches the gateway only through window.portcullis.'),
    folder('**/electron', 'The renderer reaches the main side only through window.portcullis.'),
    folder('**/shared/node', 'shared/node is Node-only.'),
    ...toolingFolders,
  ], ['renderer/vite.config.ts']),
  rule(['shared/**/*.ts'], [...noNode, ...noNodePackages, ...noElectron], [
    folder('**/gateway', 'shared/ is below every program: it imports none of them.'),
    folder('**/electron', 'shared/ is below every program: it imports none of them.'),
    folder('**/renderer', 'shared/ is below every program: it imports none of them.'),
    folder('**/shared/node', 'Pure shared code may not depend on Node-only code.'),
    ...toolingFolders,
  ], ['shared/node/**', '**/*.test.ts']),
  rule(['shared/node/**/*.ts'], noElectron, [
    folder('**/gateway', 'shared/ is below every program: it imports none of them.'),
    folder('**/electron', 'shared/ is below every program: it imports none of them.'),
    folder('**/renderer', 'shared/ is below every program: it imports none of them.'),
    ...toolingFolders,
  ]),
  rule(['gateway/**/*.ts'], noElectron, [
    folder('**/electron', 'The gateway and the desktop client share code only through shared/.'),
    folder('**/renderer', 'The gateway and the desktop client share code only through shared/.'),
    ...toolingFolders,
  ]),
  rule(['electron/main/**/*.ts', 'electron/preload/**/*.ts'], [], [
    folder('**/gateway', 'The desktop client and the gateway share code only through shared/.'),
    folder('**/renderer', 'The main side never imports renderer code.'),
    ...toolingFolders,
  ]),
  rule(['electron/core/**/*.ts', 'electron/browser-shell/**/*.ts'], noElectron, [
    folder('**/gateway', 'The desktop client and the gateway share code only through shared/.'),
    folder('**/renderer', 'The main side never imports renderer code.'),
    folder('**/electron/main', 'core and browser-shell must run in plain Node: they cannot use electron/main.'),
    ...toolingFolders,
  ]),
  // Tests may use tooling (lab hosts) but still keep the programs apart.
  rule(['gateway/**/*.test.ts'], noElectron, [folder('**/electron', 'gateway tests do not use the client.'), folder('**/renderer', 'gateway tests do not use the renderer.')], []),
  rule(['renderer/**/*.test.ts'], [...noNode, ...noNodePackages, ...noElectron], [folder('**/gateway', 'no'), folder('**/electron', 'no')], []),
];
