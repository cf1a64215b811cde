// The gateway's CLI entry point and the node flags its shebang runs it with (the one place they are
// written down): tooling that starts the gateway with `node` itself passes the same flags.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const GATEWAY_BIN = resolve(import.meta.dirname, '../bin/portcullis-gateway.mjs');

/** The flags after `node` in the shebang (`#!/usr/bin/env -S node FLAGS…`). */
export function gatewayNodeFlags(): string[] {
  const shebang = readFileSync(GATEWAY_BIN, 'utf8').split('\n', 1)[0]!;
  const match = /^#!\/usr\/bin\/env -S node((?: --[\w-]+(?:=\S+)?)*)$/.exec(shebang);
  if (!match) throw new Error(`${GATEWAY_BIN}: unexpected shebang ${JSON.stringify(shebang)}`);
  return match[1]!.split(' ').filter(Boolean);
}
