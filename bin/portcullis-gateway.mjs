#!/usr/bin/env -S node --max-semi-space-size=32 --min-semi-space-size=16
// Runs the gateway CLI from its TypeScript sources through tsx (no build step for the gateway).
// The node flags above (also in the systemd unit; the bench lab reads them from here): a young
// generation that is larger and does not shrink while idle. SSH packets and relayed buffers die
// young; with V8's defaults they were promoted, and major GCs took 0.6–1.3 s of CPU per 200 MB
// streamed once the gateway had idled between floods (docs/BENCHMARKS.md).
import { register } from 'tsx/esm/api';

register();
await import('../gateway/src/cli/main.ts');
