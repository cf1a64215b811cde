// Checks an evidence bundle offline: no data dir, only the bundle and (optionally) the gateway's
// public key. It says OK, or exactly what was altered: a line after signing (which record), the
// recording against the SHA-256 sealed into its session.end audit row, the command list against
// its seal, an audit row against its hash, the chain's links up to the signed checkpoint, the
// checkpoint's and the bundle's signatures.
import { createHash } from 'node:crypto';
import { fingerprintOf, parsePublicKey } from '../../../shared/node/ssh-keys';
import { chainHash } from '../audit/chain';
import { signedText, type Checkpoint } from '../audit/checkpoints';
import { sealCommands, type CommandsSeal } from '../tamper/evidence';
import { BUNDLE_FORMAT, lineHash, manifestText, type BundleSignature } from './bundle-format';

export interface BundleReport {
  ok: boolean;
  session?: string;
  /** The key checked with: the one given, else the one the bundle embeds. */
  fingerprint?: string;
  /** What was checked and found right. */
  facts: string[];
  /** What was altered; empty when ok. */
  problems: string[];
}

type Rec = Record<string, unknown> & { kind?: string };
interface AuditRec { seq: number; at: number; type: string; actor: string; data: Record<string, unknown>; prevHash: string; hash: string }

function describe(rec: Rec | undefined, index: number): string {
  switch (rec?.kind) {
    case 'command':
      return `command #${String(rec.id)} ${JSON.stringify(rec.command)}`;
    case 'audit':
      return `audit entry #${String(rec.seq)} (${String(rec.type)})`;
    case 'link':
      return `chain link #${String(rec.seq)}`;
    case 'recording':
      return 'a part of the recording';
    default:
      return rec?.kind ? `the ${rec.kind}` : `line ${index + 1}`;
  }
}

function checkSignature(texts: string[], records: Rec[], key: ReturnType<typeof parsePublicKey>['key'], problems: string[], facts: string[]): void {
  const sig = records.at(-1) as Partial<BundleSignature> | undefined;
  if (sig?.kind !== 'signature' || !Array.isArray(sig.lines) || typeof sig.signature !== 'string') {
    problems.push('signature: the last line is not the bundle signature (cut short or altered)');
    return;
  }
  if (!key.verify(manifestText(sig.lines), Buffer.from(sig.signature, 'base64'))) {
    problems.push("signature: it does not verify with the gateway's key: the signature or its manifest was altered, or another key signed it");
    return;
  }
  const body = texts.slice(0, -1);
  body.forEach((text, i) => {
    if (sig.lines![i] !== lineHash(text)) problems.push(`line ${i + 1}: ${describe(records[i], i)} was altered after signing`);
  });
  if (sig.lines.length !== body.length) problems.push(`signature: it covers ${sig.lines.length} lines, the bundle has ${body.length}: lines were added or removed`);
  else facts.push(`signature: valid, covers all ${body.length} lines`);
}

function checkChain(audit: AuditRec[], links: Array<{ seq: number; prevHash: string; hash: string }>, checkpoint: Checkpoint | undefined, key: ReturnType<typeof parsePublicKey>['key'], problems: string[], facts: string[]): void {
  for (const r of audit) {
    if (chainHash(r.prevHash, { seq: r.seq, at: r.at, type: r.type, actor: r.actor, data: r.data }) !== r.hash) problems.push(`audit entry #${r.seq} (${r.type}): its content does not match its hash: it was edited`);
  }
  const chain = [...audit, ...links].sort((a, b) => a.seq - b.seq);
  for (let i = 1; i < chain.length; i++) {
    const [prev, cur] = [chain[i - 1]!, chain[i]!];
    if (cur.seq !== prev.seq + 1) problems.push(`chain: entry #${prev.seq + 1} is missing between #${prev.seq} and #${cur.seq}`);
    else if (cur.prevHash !== prev.hash) problems.push(`chain: entry #${cur.seq} does not link to #${prev.seq} (its previous hash differs)`);
  }
  if (!checkpoint) return void problems.push('checkpoint: none in the bundle');
  if (!key.verify(signedText(checkpoint), Buffer.from(String(checkpoint.signature), 'base64'))) problems.push(`checkpoint of entry #${checkpoint.seq}: not signed by the gateway's key`);
  const last = chain.at(-1);
  if (!last || last.seq !== checkpoint.seq || last.hash !== checkpoint.head) problems.push(`checkpoint of entry #${checkpoint.seq}: the chain in the bundle does not end at its head`);
  else facts.push(`audit: ${audit.length} entries of the session, linked through entry #${checkpoint.seq} to a checkpoint signed ${new Date(checkpoint.at).toISOString()}`);
}

function checkSeals(recording: Buffer, commands: Rec[], audit: AuditRec[], problems: string[], facts: string[]): void {
  const end = audit.find((r) => r.type === 'session.end');
  if (!end) return void problems.push('seals: the bundle has no session.end audit entry to check the recording and commands against');
  const sealed = end.data.recording as { sha256: string; size: number } | undefined;
  if (sealed) {
    const sha256 = createHash('sha256').update(recording).digest('hex');
    if (recording.length !== sealed.size || sha256 !== sealed.sha256) problems.push(`recording: SHA-256 ${sha256} (${recording.length} bytes) does not match ${sealed.sha256} (${sealed.size} bytes) sealed in audit entry #${end.seq}: it was altered`);
    else facts.push(`recording: ${recording.length} bytes, SHA-256 matches audit entry #${end.seq}`);
  }
  const seal = end.data.commands as CommandsSeal | undefined;
  if (seal) {
    const now = sealCommands(commands.map((c) => ({ at: Number(c.at), offset: Number(c.offset), command: String(c.command) }) as never));
    if (now.count !== seal.count) problems.push(`commands: ${now.count} in the bundle, ${seal.count} sealed in audit entry #${end.seq}: commands were removed or added`);
    else if (now.sha256 !== seal.sha256) problems.push(`commands: they do not match the digest sealed in audit entry #${end.seq}: a command was altered`);
    else facts.push(`commands: ${now.count}, match audit entry #${end.seq}`);
  }
}

/** Checks the bundle's text; `publicKey` (an OpenSSH public key line) instead of the embedded one. */
export function verifyBundle(text: string, publicKey?: string): BundleReport {
  const problems: string[] = [];
  const facts: string[] = [];
  const texts = text.split('\n');
  if (texts.at(-1) === '') texts.pop();
  const records: Rec[] = texts.map((t) => {
    try {
      return JSON.parse(t) as Rec;
    } catch {
      return { kind: 'unreadable' };
    }
  });
  const header = records[0];
  if (header?.kind !== 'header' || header.format !== BUNDLE_FORMAT) return { ok: false, facts, problems: ['not a Portcullis evidence bundle (its first line is not the header)'] };
  const embedded = (header.gateway as { publicKey?: string } | undefined)?.publicKey;
  let key: ReturnType<typeof parsePublicKey>;
  try {
    key = parsePublicKey(publicKey ?? String(embedded));
  } catch (error) {
    return { ok: false, facts, problems: [`key: ${(error as Error).message}`] };
  }
  const fingerprint = fingerprintOf(key.key.getPublicSSH());
  if (publicKey && embedded) {
    try {
      if (fingerprintOf(parsePublicKey(embedded).key.getPublicSSH()) !== fingerprint) problems.push(`key: the bundle names another key than the one given (${fingerprint})`);
    } catch {
      problems.push('key: the key embedded in the bundle is not a public key');
    }
  }
  checkSignature(texts, records, key.key, problems, facts);
  const of = (kind: string) => records.filter((r) => r.kind === kind);
  const recording = Buffer.concat(of('recording').map((r) => Buffer.from(String(r.data), 'base64')));
  const audit = of('audit') as unknown as AuditRec[];
  checkSeals(recording, of('command'), audit, problems, facts);
  checkChain(audit, of('link') as never, of('checkpoint')[0] as unknown as Checkpoint | undefined, key.key, problems, facts);
  const session = (header.session as { id?: string } | undefined)?.id;
  return { ok: problems.length === 0, session, fingerprint, facts, problems };
}
