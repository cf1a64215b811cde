#!/usr/bin/env -S node --max-semi-space-size=32
// Runs the gateway CLI from its TypeScript sources through tsx (no build step for the gateway).
// The node flag above (also in the systemd unit and the bench lab, which read it from here): a
// larger young generation. Relaying, SSH packets and recording slabs die young; with V8's default
// they were promoted and major GCs took ~0.6 s of CPU per 200 MB streamed (docs/BENCHMARKS.md).
import { register } from 'tsx/esm/api';

register();
await import('../gateway/src/cli/main.ts');
