// A flood faster than the recorder may buffer: the session is held back to the recorder's pace
// and recorded whole, instead of the recorder dropping what it could not write in time.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Gateway } from '..';
import { readCast } from '../recording';
import { openStore, type Store } from '../store';
import { exec } from '../testing';
import { createSessionRepo } from './repo';
import { setUpFixture, type Fixture } from '../../../lab/gateway-fixture';

let fx: Fixture;
let gw: Gateway;
let store: Store;

beforeAll(async () => {
  fx = await setUpFixture('gw-backpressure-');
  // 1 MiB of recording may wait for the disk; the flood below encodes to 48 MB of JSON.
  gw = await fx.start({ recording: { maxBuffered: 1024 * 1024 } });
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
    const conn = await fx.connect(gw);
    const r = await exec(conn, `head -c ${bytes} /dev/zero`);
    conn.end();
    expect(r.stdout.length).toBe(bytes);

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
});
