// Signed checkpoints of the audit chain's head. Someone who can write the database can rewrite the
// whole chain (edit a row, recompute every hash after it) and `verify` alone would say OK; a
// checkpoint, signed with the gateway's host key when it was written, still names the old head.
// A checkpoint file is JSON lines {seq, head, at, signature}; checking one needs only the public
// key. What it cannot prove: an attacker holding the private key (root on the gateway host) can
// sign checkpoints for a forged chain too. Copies kept where that attacker cannot reach (another
// host, a log shipper) and a head hash saved elsewhere (`audit verify --head`) close that gap.
import { appendFileSync, readFileSync } from 'node:fs';
import ssh2 from 'ssh2';
import type { AuditLog } from './log';

export const CHECKPOINT_FILE = 'audit-checkpoints.jsonl';

export interface Checkpoint {
  seq: number;
  head: string;
  /** ms since the epoch */
  at: number;
  /** base64 signature by the gateway host key over signedText(). */
  signature: string;
}

/** The bytes a checkpoint's signature covers (evidence bundles check it offline too). */
export const signedText = (c: Omit<Checkpoint, 'signature'>) => Buffer.from(`portcullis audit checkpoint\n${c.seq}\n${c.head}\n${c.at}\n`);

function parsedKey(text: string) {
  const parsed = ssh2.utils.parseKey(text);
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!key || key instanceof Error) throw new Error('not a usable SSH key');
  return key;
}

/** Signs the chain's current head and appends it to every file in `files` (the data dir's first). */
export function writeCheckpoint(audit: AuditLog, privateKey: string, files: string[], now = Date.now()): Checkpoint | undefined {
  const head = audit.head();
  if (!head) return undefined;
  const body = { seq: head.seq, head: head.hash, at: now };
  const signature = parsedKey(privateKey).sign(signedText(body));
  if (signature instanceof Error) throw signature;
  const checkpoint: Checkpoint = { ...body, signature: signature.toString('base64') };
  for (const file of files) appendFileSync(file, JSON.stringify(checkpoint) + '\n', { mode: 0o600 });
  return checkpoint;
}

export interface CheckpointProblem {
  line: number;
  problem: string;
}

/** Checks each checkpoint in `file` against the public key and the chain; no file = nothing to check. */
export function verifyCheckpoints(audit: AuditLog, publicKey: string, file: string): { checked: number; problems: CheckpointProblem[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { checked: 0, problems: [] };
    throw error;
  }
  const key = parsedKey(publicKey);
  const problems: CheckpointProblem[] = [];
  let checked = 0;
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const say = (problem: string) => problems.push({ line: i + 1, problem });
    let c: Checkpoint;
    try {
      c = JSON.parse(line) as Checkpoint;
    } catch {
      return say('not a JSON line: the checkpoint file was edited');
    }
    checked++;
    if (!key.verify(signedText(c), Buffer.from(String(c.signature), 'base64'))) return say(`checkpoint of entry #${c.seq} is not signed by the gateway's key: forged or edited`);
    const row = audit.list({ afterSeq: c.seq - 1, limit: 1 })[0];
    const when = new Date(c.at).toISOString();
    if (!row || row.seq !== c.seq) return say(`the chain ends before entry #${c.seq}, which a checkpoint signed at ${when} saw: entries were removed`);
    if (row.hash !== c.head) return say(`entry #${c.seq} has hash ${row.hash}, but a checkpoint signed at ${when} says ${c.head}: the chain was rewritten`);
  });
  return { checked, problems };
}
