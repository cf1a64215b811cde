// What lies outside the hash chain, sealed into it: a session's `session.end` entry carries the
// SHA-256 and size of its recording and a digest of its command log rows. Checking them proves
// that a `.cast` file was not edited (even to the same size) and that no command row was deleted,
// added or changed since the session ended.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import canonicalize from 'canonicalize';
import type Database from 'better-sqlite3';
import { createCommandRepo, type CommandRecord } from '../commands/repo';
import { createSessionRepo } from '../sessions/repo';
import type { AuditLog } from '../audit/log';

export interface CommandsSeal {
  count: number;
  sha256: string;
}

/** Digest of a session's command rows, in order (time, offset and text of each). */
export function sealCommands(commands: CommandRecord[]): CommandsSeal {
  const hash = createHash('sha256');
  for (const c of commands) hash.update(canonicalize({ at: c.at, offset: c.offset, command: c.command })!).update('\n');
  return { count: commands.length, sha256: hash.digest('hex') };
}

async function sealFile(file: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { sha256: hash.digest('hex'), size };
}

export interface EvidenceProblem {
  session: string;
  /** The audit entry that holds the seal. */
  seq: number;
  problem: string;
}

/** Checks every sealed recording and command log against its session's end entry. */
export async function verifyEvidence(db: Database.Database, audit: AuditLog, dataDir: string): Promise<{ sessions: number; problems: EvidenceProblem[] }> {
  const sessions = createSessionRepo(db);
  const commands = createCommandRepo(db);
  const problems: EvidenceProblem[] = [];
  let checked = 0;
  for (let page = audit.list({ type: 'session.end' }); page.length > 0; page = audit.list({ type: 'session.end', afterSeq: page.at(-1)!.seq })) {
    for (const end of page) {
      const id = String(end.data.session);
      const say = (problem: string) => problems.push({ session: id, seq: end.seq, problem });
      checked++;
      const commandsSeal = end.data.commands as CommandsSeal | undefined;
      if (commandsSeal) {
        const now = sealCommands(commands.ofSession(id));
        if (now.count !== commandsSeal.count) say(`its command log has ${now.count} row(s), ${commandsSeal.count} when it ended: rows were deleted or added`);
        else if (now.sha256 !== commandsSeal.sha256) say('its command log rows were edited since it ended');
      }
      const sealed = end.data.recording as { sha256: string; size: number } | undefined;
      if (!sealed) continue;
      const row = sessions.get(id);
      if (!row?.recording) {
        say('its sessions row, or the recording path in it, is gone');
        continue;
      }
      try {
        const now = await sealFile(join(dataDir, row.recording));
        if (now.size !== sealed.size) say(`its recording is ${now.size} bytes, ${sealed.size} when it ended`);
        else if (now.sha256 !== sealed.sha256) say('its recording was edited since it ended (same size, different SHA-256)');
      } catch (error) {
        say(`its recording cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
    }
  }
  return { sessions: checked, problems };
}
