// Tamper evidence against the real gateway, a real sshd and the CLI: a full rewrite of the chain,
// an edited recording, a deleted command row and a dropped trigger are all caught.
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpFixture, type Fixture } from '../../../lab/gateway-fixture';
import { GATEWAY_BIN } from '../../../lab/gateway-bin';
import { openGatewayAdmin } from '../admin';
import { createSessionRepo } from '../sessions/repo';
import { DATABASE_FILE } from '../store/database';
import { exec, runCliCaptured } from '../testing';
import { chainHash } from '../audit/chain';
import { AUDIT_TRIGGERS } from '../audit/triggers';

let fx: Fixture;
beforeAll(async () => {
  fx = await setUpFixture('gw-tamper-');
  const gw = await fx.start();
  const conn = await fx.connect(gw);
  expect(await exec(conn, 'echo sealed-$((6*7))')).toMatchObject({ stdout: 'sealed-42\n' });
  conn.end();
  await gw.close();
});
afterAll(async () => {
  await fx?.lab.stop();
  if (fx) rmSync(fx.dir, { recursive: true, force: true });
});

const verify = (...args: string[]) => runCliCaptured(['audit', 'verify', '--data', fx.dataDir, ...args]);
const openDb = () => new Database(join(fx.dataDir, DATABASE_FILE));

/** Runs `change` on the database, then `check`, then puts the database back as it was (every connection closed). */
async function whileTampered(change: (db: Database.Database) => void, check: () => Promise<void>): Promise<void> {
  const db = openDb();
  db.pragma('wal_checkpoint(TRUNCATE)');
  const saved = readFileSync(join(fx.dataDir, DATABASE_FILE));
  change(db);
  db.close();
  try {
    await check();
  } finally {
    writeFileSync(join(fx.dataDir, DATABASE_FILE), saved);
  }
}

describe('audit verify', () => {
  it('is OK on an untouched data dir: chain, checkpoints, sealed recording and command log', async () => {
    const r = await verify();
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^OK: \d+ entries, head [0-9a-f]{64}\ncheckpoints: 2 signed, all match the chain\nsessions: 1 ended, recordings and command logs match their seals\n$/);
    const db = openDb();
    const end = db.prepare("SELECT data FROM audit_log WHERE type = 'session.end'").pluck().get() as string;
    db.close();
    expect(JSON.parse(end)).toMatchObject({ recording: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/), size: expect.any(Number) }, commands: { count: 1 } });
  });

  it('catches a full rewrite of the chain (a row edited, every hash recomputed) by its checkpoints and by --head', async () => {
    const oldHead = /head ([0-9a-f]{64})/.exec((await verify()).stdout)![1]!;
    await whileTampered(
      (db) => {
        db.exec('DROP TRIGGER audit_log_no_update');
        const rows = db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as Array<{ seq: number; at: number; type: string; actor: string; data: string }>;
        const set = db.prepare('UPDATE audit_log SET actor = ?, prev_hash = ?, hash = ? WHERE seq = ?');
        let prev = '0'.repeat(64);
        for (const r of rows) {
          const actor = r.seq === 1 ? 'someone-else' : r.actor;
          const hash = chainHash(prev, { seq: r.seq, at: r.at, type: r.type, actor, data: JSON.parse(r.data) as Record<string, unknown> });
          set.run(actor, prev, hash, r.seq);
          prev = hash;
        }
        db.exec(AUDIT_TRIGGERS.audit_log_no_update!); // and covers the tracks
      },
      async () => {
        const r = await verify();
        expect(r.stdout).toMatch(/^OK: \d+ entries/); // the chain alone cannot tell
        expect(r.stdout).toMatch(/TAMPERED: audit-checkpoints\.jsonl line 1: entry #\d+ has hash [0-9a-f]{64}, but a checkpoint signed at .* says [0-9a-f]{64}: the chain was rewritten/);
        expect(r.code).toBe(1);
        const withHead = await verify('--head', oldHead);
        expect(withHead.stdout).toContain(`TAMPERED: no entry has the head ${oldHead} saved elsewhere`);
      },
    );
    expect(await verify('--head', oldHead)).toMatchObject({ code: 0, stdout: expect.stringContaining(`head ${oldHead.slice(0, 12)}… is entry #`) });
  });

  it('catches a dropped tail (rows removed after the last checkpoint saw them)', async () => {
    await whileTampered(
      (db) => db.exec(`DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log); ${AUDIT_TRIGGERS.audit_log_no_delete}`),
      async () => expect((await verify()).stdout).toMatch(/TAMPERED: .*the chain ends before entry #\d+, which a checkpoint signed at .* saw: entries were removed/),
    );
  });

  it('catches a recording edited to the same size', async () => {
    const db = openDb();
    const file = join(fx.dataDir, createSessionRepo(db).list()[0]!.recording!);
    db.close();
    const original = readFileSync(file);
    writeFileSync(file, Buffer.from(original.toString('latin1').replace('sealed-42', 'sealed-43'), 'latin1'));
    try {
      const r = await verify();
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/TAMPERED: session \S+ \(entry #\d+\): its recording was edited since it ended \(same size, different SHA-256\)/);
    } finally {
      writeFileSync(file, original);
    }
  });

  it('catches a deleted command row', async () => {
    await whileTampered(
      (db) => db.exec('DELETE FROM commands'),
      async () => expect((await verify()).stdout).toMatch(/TAMPERED: session \S+ \(entry #\d+\): its command log has 0 row\(s\), 1 when it ended: rows were deleted or added/),
    );
  });

  it('reports a dropped trigger; the gateway restores it at start, audited', async () => {
    const db = openDb();
    db.exec('DROP TRIGGER audit_log_no_delete');
    db.close();
    const r = await verify();
    expect(r).toMatchObject({ code: 1, stdout: expect.stringContaining('TAMPERED: trigger audit_log_no_delete is missing') });
    const gw = await fx.start();
    await gw.close();
    const after = openDb();
    expect(() => after.exec('DELETE FROM audit_log WHERE seq = 1')).toThrow(/append-only/);
    const restored = after.prepare("SELECT data FROM audit_log WHERE type = 'audit.triggers-restored'").pluck().all();
    after.close();
    expect(restored.map((d) => JSON.parse(d as string))).toEqual([{ triggers: ['audit_log_no_delete'] }]);
    expect((await verify()).code).toBe(0);
  });
});

describe('audit export', () => {
  it('prints JSON lines, from --since on', async () => {
    const all = await runCliCaptured(['audit', 'export', '--data', fx.dataDir]);
    const entries = all.stdout.trim().split('\n').map((l) => JSON.parse(l) as { seq: number; at: number; hash: string });
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
    const since = new Date(entries.at(-2)!.at).toISOString();
    const recent = await runCliCaptured(['audit', 'export', '--data', fx.dataDir, '--since', since]);
    expect(recent.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { seq: number }).seq)).toEqual(entries.filter((e) => e.at >= entries.at(-2)!.at).map((e) => e.seq));
  });

  it('--follow prints entries as they are appended, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [GATEWAY_BIN, 'audit', 'export', '--follow', '--data', fx.dataDir]);
    let out = '';
    const seen = (re: RegExp) => new Promise<void>((ok) => child.stdout.on('data', (d: Buffer) => ((out += d.toString()), re.test(out) && ok())));
    await seen(/"type":"gateway.stop"/);
    const admin = openGatewayAdmin(fx.dataDir);
    admin.addGroup('followed');
    admin.close();
    await seen(/"type":"group.added".*"group":"followed"/);
    const code = new Promise((r) => child.on('close', r));
    child.kill('SIGTERM');
    expect(await code).toBe(0);
  });
});
