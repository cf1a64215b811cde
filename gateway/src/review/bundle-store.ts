// Evidence bundles built for API callers, kept as files under DATA/bundles (0600) until fetched:
// each belongs to the user who asked for it, lives BUNDLE_TTL_MS, and each user has at most
// MAX_PER_USER at a time (the oldest goes), so abandoned downloads cannot fill the disk.
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';

export const BUNDLE_TTL_MS = 15 * 60_000;
const MAX_PER_USER = 3;

interface Kept {
  user: string;
  file: string;
  size: number;
  expires: number;
}

export function createBundleStore(dataDir: string, now: () => number = Date.now) {
  const dir = join(dataDir, 'bundles');
  const kept = new Map<string, Kept>();
  const drop = (id: string) => {
    const k = kept.get(id);
    kept.delete(id);
    if (k) rmSync(k.file, { force: true });
  };
  const sweep = () => {
    for (const [id, k] of kept) if (k.expires <= now()) drop(id);
  };
  return {
    /** A new file path for `user`'s bundle and the id to register it under. */
    reserve(user: string): { id: string; file: string } {
      sweep();
      const mine = [...kept].filter(([, k]) => k.user === user);
      while (mine.length >= MAX_PER_USER) drop(mine.shift()![0]);
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const id = randomBytes(16).toString('hex');
      return { id, file: join(dir, `${id}.bundle`) };
    },
    register(id: string, user: string, file: string, size: number): void {
      kept.set(id, { user, file, size, expires: now() + BUNDLE_TTL_MS });
    },
    /** Bytes from `offset`; unknown, expired or someone else's bundles are not found. */
    async read(id: string, user: string, offset: number, maxBytes: number): Promise<{ data: Buffer; next: number | null } | undefined> {
      sweep();
      const k = kept.get(id);
      if (!k || k.user !== user) return undefined;
      const fh = await open(k.file, 'r');
      try {
        const buf = Buffer.alloc(Math.max(0, Math.min(maxBytes, k.size - offset)));
        const { bytesRead } = await fh.read(buf, 0, buf.length, offset);
        const end = offset + bytesRead;
        return { data: buf.subarray(0, bytesRead), next: end < k.size ? end : null };
      } finally {
        await fh.close();
      }
    },
  };
}

const stores = new Map<string, ReturnType<typeof createBundleStore>>();
/** One store per data dir: every API channel of a gateway (a download may span connections) shares it. */
export function bundleStoreFor(dataDir: string): ReturnType<typeof createBundleStore> {
  let store = stores.get(dataDir);
  if (!store) stores.set(dataDir, (store = createBundleStore(dataDir)));
  return store;
}
