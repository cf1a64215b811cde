// A flood faster than the recorder may buffer: the session is held back to the recorder's pace
// and recorded whole, instead of the recorder dropping what it could not write in time.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Gateway } from '..';
import { readCast, recordingSinkStats } from '../recording';
import { openStore, type Store } from '../store';
import { exec, execChannel } from '../testing';
import { createSessionRepo } from './repo';
import { setUpFixture, type Fixture } from '../../../lab/gateway-fixture';

let fx: Fixture;
let gw: Gateway;
let store: Store;

beforeAll(async () => {
  fx = await setUpFixture('gw-backpressure-');
  // 512 KiB of recording may wait for the disk (held back past 256 KiB); the flood below encodes
  // to 48 MB of JSON, 192 KiB per SSH packet: any packet that arrives during a write is held.
  gw = await fx.start({ recording: { maxBuffered: 512 * 1024 } });
  store = openStore(fx.dataDir);
});

afterAll(async () => {
  store?.close();
  await gw?.close();
  await fx?.lab.stop();
  if (fx) rmSync(fx.dir, { recursive: true, force: true });
});

describe('recording a flood', () => {
  it('holds the session to the recorder’s pace and records every byte', async () => {
    const bytes = 8_000_000;
    const holdsBefore = recordingSinkStats.holds;
    const conn = await fx.connect(gw);
    const r = await exec(conn, `head -c ${bytes} /dev/zero`);
    conn.end();
    expect(r.stdout.length).toBe(bytes);
    expect(recordingSinkStats.holds).toBeGreaterThan(holdsBefore); // the session was held back

    let s = createSessionRepo(store.db).list({ limit: 1 })[0]!;
    for (let i = 0; i < 100 && s.status === 'live'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      s = createSessionRepo(store.db).list({ limit: 1 })[0]!;
    }
    const audit = store.audit.list().filter((e) => e.data.session === s.id);
    expect(audit.map((e) => e.type)).toEqual(['session.start', 'session.end']); // no recording.failed
    expect(audit[1]!.data.droppedBytes).toBeUndefined();
    const out = (await readCast(join(fx.dataDir, s.recording!))).events.filter((e) => e.type === 'o').map((e) => e.data);
    const recorded = out.join('');
    expect(recorded.length).toBe(bytes);
    expect(/^\0*$/.test(recorded)).toBe(true);
  });

  it('survives the user hanging up while the flood is held back, and ends the session', async () => {
    const conn = await fx.connect(gw);
    const channel = await execChannel(conn, 'cat /dev/zero');
    await new Promise<void>((resolve) => {
      let seen = 0;
      channel.on('data', (d: Buffer) => {
        seen += d.length;
        if (seen > 2_000_000) resolve();
      });
    });
    const id = createSessionRepo(store.db).list({ limit: 1 })[0]!.id;
    conn.end(); // mid-flood, with output held in the recording sink
    let s = createSessionRepo(store.db).get(id)!;
    for (let i = 0; i < 100 && s.status === 'live'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      s = createSessionRepo(store.db).get(id)!;
    }
    expect(s.status).toBe('ended');
    // The gateway is still there and records the next session.
    const again = await fx.connect(gw);
    expect((await exec(again, 'echo still-here')).stdout).toBe('still-here\n');
    again.end();
  });
});
