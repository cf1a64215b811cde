#!/usr/bin/env node
// Runs the gateway CLI from its TypeScript sources through tsx (no build step for the gateway).
import { register } from 'tsx/esm/api';

register();
await import('../gateway/src/cli/main.ts');
