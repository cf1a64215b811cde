// Writes a session's evidence bundle (format: ./bundle-format.ts): its row, its recording, its
// command list, its audit rows with their hash-chain links up to the nearest signed checkpoint
// after them, all signed with the gateway's host key (the key that signs checkpoints). Rows of
// other sessions between them appear as links only (seq, prevHash, hash): they prove the chain is
// unbroken without handing a reviewer someone else's data.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import type Database from 'better-sqlite3';
import ssh2 from 'ssh2';
import { fingerprintOf, parsePublicKey } from '../../../shared/node/ssh-keys';
import type { AuditLog } from '../audit';
import { CHECKPOINT_FILE, writeCheckpoint, type Checkpoint } from '../audit/checkpoints';
import { createCommandRepo } from '../commands/repo';
import { createSessionRepo } from '../sessions/repo';
import { listAudit } from './audit-view';
import { BUNDLE_FORMAT, BUNDLE_RECORDING_PART, BUNDLE_VERSION, lineHash, manifestText } from './bundle-format';

export interface BundleSource {
  db: Database.Database;
  audit: AuditLog;
  dataDir: string;
  hostKey: { privateKey: string; publicKey: string };
}

export class BundleError extends Error {}

/** The first checkpoint in the data dir's file that covers entry `seq`; a new one of the head when none does yet. */
function checkpointCovering(src: BundleSource, seq: number): Checkpoint {
  const file = join(src.dataDir, CHECKPOINT_FILE);
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    // none written yet
  }
  for (const line of text.split('\n')) {
    try {
      const c = JSON.parse(line) as Checkpoint;
      if (typeof c.seq === 'number' && c.seq >= seq) return c;
    } catch {
      // a torn or empty line
    }
  }
  const fresh = writeCheckpoint(src.audit, src.hostKey.privateKey, [file]);
  if (!fresh) throw new BundleError('the audit log is empty');
  return fresh;
}

/** Writes the bundle of `sessionId` to `out` (0600); its size and SHA-256. */
export async function writeBundle(src: BundleSource, sessionId: string, out: string, now = Date.now()): Promise<{ size: number; sha256: string; fingerprint: string }> {
  const session = createSessionRepo(src.db).get(sessionId);
  if (!session) throw new BundleError(`no session ${sessionId}`);
  if (session.status === 'live') throw new BundleError(`session ${sessionId} is still live: its recording is sealed when it ends`);
  const rows = listAudit(src.db, { session: sessionId, limit: 10_000 }).rows;
  if (rows.length === 0) throw new BundleError(`session ${sessionId} has no audit rows`);
  const checkpoint = checkpointCovering(src, rows.at(-1)!.seq);
  const fingerprint = fingerprintOf(parsePublicKey(src.hostKey.publicKey).key.getPublicSSH());

  const stream = createWriteStream(out, { mode: 0o600 });
  const whole = createHash('sha256');
  let size = 0;
  const put = async (line: string) => {
    whole.update(line + '\n');
    size += Buffer.byteLength(line) + 1;
    if (!stream.write(line + '\n')) await once(stream, 'drain');
  };
  const hashes: string[] = [];
  const write = (record: Record<string, unknown>) => {
    const line = JSON.stringify(record);
    hashes.push(lineHash(line));
    return put(line);
  };

  try {
    await write({ kind: 'header', format: BUNDLE_FORMAT, version: BUNDLE_VERSION, createdAt: now, gateway: { publicKey: src.hostKey.publicKey, fingerprint }, session });
    if (session.recording) {
      const file = createReadStream(join(src.dataDir, session.recording), { highWaterMark: BUNDLE_RECORDING_PART });
      for await (const part of file as AsyncIterable<Buffer>) await write({ kind: 'recording', data: part.toString('base64') });
    }
    for (const c of createCommandRepo(src.db).ofSession(sessionId)) await write({ kind: 'command', id: c.id, at: c.at, offset: c.offset, command: c.command });
    for (const r of rows) await write({ kind: 'audit', ...r });
    const own = new Set(rows.map((r) => r.seq));
    const between = src.db.prepare('SELECT seq, prev_hash AS prevHash, hash FROM audit_log WHERE seq > ? AND seq <= ? ORDER BY seq');
    for (const link of between.iterate(rows[0]!.seq, checkpoint.seq) as Iterable<{ seq: number; prevHash: string; hash: string }>) {
      if (!own.has(link.seq)) await write({ kind: 'link', ...link });
    }
    await write({ kind: 'checkpoint', ...checkpoint });
    const key = ssh2.utils.parseKey(src.hostKey.privateKey);
    const signer = Array.isArray(key) ? key[0] : key;
    if (!signer || signer instanceof Error) throw new BundleError('the gateway host key cannot sign');
    const signature = signer.sign(manifestText(hashes));
    if (signature instanceof Error) throw signature;
    await put(JSON.stringify({ kind: 'signature', lines: hashes, signature: signature.toString('base64') }));
  } finally {
    stream.end();
    await once(stream, 'close');
  }
  return { size, sha256: whole.digest('hex'), fingerprint };
}
