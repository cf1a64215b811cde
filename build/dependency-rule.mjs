// The dependency rule of docs/ARCHITECTURE.md, checked by dependency-cruiser (`npm run deps`, part of
// `npm run lint`). Every path is anchored at the repository root: a folder named `gateway` or
// `electron` deeper in the tree is an ordinary folder. build/dependency-rule.test.ts proves each
// rule bites on a small fixture tree and that the real tree is clean.
import { builtinModules } from 'node:module';

const nodeOnlyPackages = ['ssh2', 'better-sqlite3', 'ws', 'pino', 'commander', '@xterm/headless', 'tsx', 'esbuild'];
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const anyOf = (names) => `(${names.map(escape).join('|')})`;

// The `electron` package (optional: when it is not installed its name stays unresolved).
const ELECTRON_PACKAGE = '^(node_modules/electron/|electron$)';
const NODE_ONLY_PACKAGE = `^node_modules/${anyOf(nodeOnlyPackages)}/`;
const NODE_BUILTIN = `^(node:)?${anyOf(builtinModules.filter((m) => !m.startsWith('_')))}(/|$)`;
const TOOLING = '^(lab|e2e|bench|build|bin)/';
const TEST = '(\\.test\\.tsx?$|^gateway/src/testing\\.ts$|^electron/core/testing\\.ts$|^shared/testing/)';

// The gateway's layers, top to bottom; each may import only the layers below it.
//   root     running it: gateway/src/index.ts (startGateway), drain.ts and config/ (YAML + env into
//            startGateway's options; only the CLI reads it)
//   adapter  how the outside reaches the gateway: ssh/, api/, cli/, menu/
//   core     what the gateway decides and keeps: every other folder (sessions/, access/, recording/,
//            commands/, liveness/, auth/, capability modules to come) and admin*.ts
//   store    the SQLite database: store/
//   base     what the store itself needs, importing nothing of the gateway above it: custody/
//            (sealing secrets at rest), audit/ (the hash-chained log, a table of the database),
//            logger.ts, address.ts
const GW = '^gateway/src/';
const ADAPTER = `${GW}(ssh|api|cli|menu)/`;
const ROOT = `${GW}((index|drain)\\.ts$|config/)`;
const BASE = `${GW}((audit|custody)/|(logger|address)\\.ts$)`;
const STORE = `${GW}store/`;
const CORE = `${GW}((?!(ssh|api|cli|menu|config|store|audit|custody)/)[^/]+/|admin(-access)?\\.ts$)`;

// The renderer: model/ is pure logic below the areas; every other folder of renderer/src is an area
// that other areas reach only through its index.ts(x).
const RENDERER_MODEL = '^renderer/src/model/';
const REACT = '^node_modules/(react|react-dom|react-[^/]+|@[^/]+/react-[^/]+)/';

const forbid = (name, comment, from, to) => ({ name, comment, severity: 'error', from, to });
const notTests = (path, pathNot) => ({ path, pathNot: pathNot ? [TEST, pathNot] : TEST });

export default {
  forbidden: [
    // Program borders.
    forbid('renderer-no-node', 'The renderer runs in the browser: no Node built-ins, no Node-only packages, no electron.',
      { path: '^renderer/', pathNot: '^renderer/vite\\.config\\.ts$' },
      { path: [NODE_BUILTIN, NODE_ONLY_PACKAGE, ELECTRON_PACKAGE] }),
    forbid('renderer-no-programs', 'The renderer reaches the main side and the gateway only through window.portcullis.',
      { path: '^renderer/', pathNot: '^renderer/vite\\.config\\.ts$' },
      { path: ['^gateway/', '^electron/', '^shared/node/'] }),
    forbid('shared-pure', 'Pure shared code runs anywhere: no Node, no electron, no shared/node.',
      { path: '^shared/', pathNot: '^shared/node/' },
      { path: [NODE_BUILTIN, NODE_ONLY_PACKAGE, ELECTRON_PACKAGE, '^shared/node/'] }),
    forbid('shared-below-programs', 'shared/ is below every program: it imports none of them.',
      { path: '^shared/' },
      { path: ['^gateway/', '^electron/', '^renderer/', ELECTRON_PACKAGE] }),
    forbid('gateway-not-client', 'The gateway and the desktop client share code only through shared/.',
      { path: '^gateway/' },
      { path: ['^electron/', '^renderer/', ELECTRON_PACKAGE] }),
    forbid('client-not-gateway', 'The desktop client and the gateway share code only through shared/; the main side never imports renderer code.',
      notTests('^electron/'),
      { path: ['^gateway/', '^renderer/'] }),
    forbid('client-core-plain-node', 'electron/core and electron/browser-shell also run in plain Node: no electron, no electron/main or preload.',
      { path: '^electron/(core|browser-shell)/' },
      { path: [ELECTRON_PACKAGE, '^electron/(main|preload)/'] }),
    forbid('programs-not-tooling', 'Tooling may import product code, not the reverse (tests may use the lab).',
      notTests('^(gateway|electron|renderer|shared)/'),
      { path: TOOLING }),

    // Gateway layers.
    forbid('gateway-adapter-not-root', 'Adapters do not reach the composition root, except the CLI that starts it.',
      notTests(ADAPTER, `${GW}cli/`),
      { path: ROOT }),
    forbid('gateway-core-not-up', 'The core does not import adapters or the composition root.',
      notTests(CORE),
      { path: [ADAPTER, ROOT] }),
    forbid('gateway-store-not-up', 'store/ imports nothing above it.',
      notTests(STORE),
      { path: [ADAPTER, ROOT, CORE] }),
    forbid('gateway-base-not-up', 'custody/, audit/, logger.ts and address.ts import nothing of the gateway above them.',
      notTests(BASE),
      { path: [ADAPTER, ROOT, CORE, STORE] }),

    forbid('first-screen-contract', "Code that runs before the app's first screen (the renderer, the preload) checks messages through shared/contract/client-api-rpc.ts; it imports the whole API's tables only as types, so each capability's schemas load when first used.",
      notTests('^(renderer|electron/preload)/'),
      { path: '^shared/contract/(client-api|gateway-api|client-api-capabilities)\\.ts$', dependencyTypesNot: ['type-only'] }),

    // Renderer layers.
    forbid('renderer-model-pure', 'renderer/src/model is pure logic: no React, no renderer area.',
      notTests(RENDERER_MODEL),
      { path: [REACT, '^renderer/src/(?!model/)'] }),
    forbid('renderer-area-through-index', 'An area of renderer/src imports another area only through its index.ts(x).',
      notTests('^renderer/src/([^/]+)/'),
      { path: '^renderer/src/(?!model/)[^/]+/', pathNot: ['^renderer/src/$1/', '^renderer/src/[^/]+/index\\.tsx?$'] }),

    // Everywhere.
    { name: 'no-circular', comment: 'Import cycles make modules impossible to understand or load on their own.', severity: 'error', from: {}, to: { circular: true } },
    { name: 'not-to-unresolvable', comment: 'Every import resolves (electron is optional).', severity: 'error', from: {}, to: { couldNotResolve: true, pathNot: '^electron$' } },
  ],
  options: {
    doNotFollow: { path: '^node_modules/' },
    exclude: { path: '^(dist|release|test-results|playwright-report|\\.lab)/' },
    tsPreCompilationDeps: true,
    // Keep node_modules paths as written (the test's fixture tree links the repository's node_modules).
    preserveSymlinks: true,
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'], exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
