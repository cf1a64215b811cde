// The host tree's page for the Chromium benches: a built renderer served on loopback with N generated
// hosts (the whole list and its head, as the main side sends them) and the fake main side's init
// script that validates them with the real rpc client, as the preload does.
import { resolve } from 'node:path';
import { HEAD_ROWS } from '../renderer/src/hosts/hosts-prefetch';
import { fakeInitScript, hostsHeadJson, hostsJson } from './fake-portcullis';
import { serveStatic } from './static-server';

export interface TreeSite {
  url: string;
  /** The clock the generated hosts were made at (a fake main side for this site uses the same). */
  now: number;
  /** The fake main side, for `context.addInitScript({ content })`. */
  initScript: string;
  hostListBytes: number;
  headBytes: number;
  close(): Promise<void>;
}

/** `root` is a built renderer (a `dist/renderer` directory). */
export async function serveTreeSite(root: string, hosts: number): Promise<TreeSite> {
  const now = Date.now();
  const body = hostsJson({ hosts, now });
  const head = hostsHeadJson({ hosts, now }, HEAD_ROWS);
  const server = await serveStatic(resolve(root), {
    'fake-hosts.json': { type: 'application/json', body },
    'fake-hosts-head.json': { type: 'application/json', body: head },
  });
  const initScript = await fakeInitScript({ hosts, now, hostsUrl: './fake-hosts.json', headUrl: './fake-hosts-head.json' }, { validate: true });
  return { url: server.url, now, initScript, hostListBytes: Buffer.byteLength(body), headBytes: Buffer.byteLength(head), close: server.close };
}
