// review: what a security reviewer waits for, against the real gateway process over SSH with the
// desktop client's own API connection (electron/core). Three reports:
//  1. seek to random times in a recording (default 200 MB) made by the gateway's recorder: from the
//     request to the screen at t drawn in @xterm/headless, beside the gateway's review code alone,
//     the app's player in Chromium (seek bar → frame painted: bench/review-app.ts) and a straight
//     replay from the start (asciinema-player's way of seeking backwards);
//  2. open a recording (default 500 MB) at its first frame, through the API and in the app, beside
//     reading and parsing it whole;
//  3. review.commands.search over a command log (default 1,000,000), beside a LIKE '%…%' scan.
// Files go under a temp dir, removed at the end; free space is checked first.
import { mkdirSync, mkdtempSync, rmSync, statfsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createGatewayConnection, type GatewayConnection } from '../electron/core/connection/gateway-connection';
import { openGatewayAdmin } from '../gateway/src/admin';
import { indexPathOf, recordingPath } from '../gateway/src/recording';
import { searchCommands, type CommandSearch } from '../gateway/src/review/command-search';
import { openRecording, readChunk } from '../gateway/src/review/recording-chunks';
import { createCommandRepo } from '../gateway/src/commands/repo';
import type { ExtractedCommand } from '../gateway/src/commands/extractor';
import { createSessionRepo } from '../gateway/src/sessions/repo';
import { openStore, type Store } from '../gateway/src/store';
import { generateEd25519KeyPair, parsePublicKey } from '../shared/node/ssh-keys';
import { spawnGateway, stopGateway } from './lab';
import { percentile, registerBenchmark, type BenchContext, type BenchReport } from './registry';
import { openReviewApp, type ReviewApp } from './review-app';
import { hostName, RARE_WORD, seedCommands, userName } from './review-commands';
import { newTerm, parseWhole, replayFromStart, seekTo, type ChunkSource } from './review-player';
import { generateRecording, prng } from './review-recording';

const MiB = 1024 * 1024;
const ms = (n: number) => n.toFixed(1);
const stats = (values: number[]) => [ms(percentile(values, 50)), ms(percentile(values, 95)), ms(Math.max(...values))];

async function timed<T>(fn: () => Promise<T> | T): Promise<[number, T]> {
  const t0 = performance.now();
  const value = await fn();
  return [performance.now() - t0, value];
}

interface Sizes {
  seekMb: number;
  openMb: number;
  commands: number;
  seeks: number;
  replays: number;
  /** Also time the app's player in Chromium (needs the built renderer). */
  app: boolean;
}

function sizesOf(extra: Record<string, string>): Sizes {
  const int = (key: string, fallback: number) => {
    const v = extra[key] ?? (key.endsWith('-mb') ? extra.mb : undefined);
    const n = v === undefined ? fallback : Number.parseInt(v, 10);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${key} takes a whole number ≥ 1, not ${JSON.stringify(v)}`);
    return n;
  };
  const app = extra.app ?? 'on';
  if (app !== 'on' && app !== 'off') throw new Error(`--app takes on or off, not ${JSON.stringify(app)}`);
  return { seekMb: int('seek-mb', 200), openMb: int('open-mb', 500), commands: int('commands', 1_000_000), seeks: int('seeks', 200), replays: int('replays', 10), app: app === 'on' };
}

/** Disk the run needs at its peak: one recording at a time (its .cast and .idx, ~1.15× its size) and the database (~250 bytes a command with its FTS index). */
function diskNeeded(s: Sizes): number {
  return Math.max(s.seekMb, s.openMb) * MiB * 1.15 + s.commands * 250 + 64 * MiB;
}

function checkFreeSpace(dir: string, need: number): void {
  const fs = statfsSync(dir);
  const free = fs.bavail * fs.bsize;
  if (free < need) {
    throw new Error(`review bench: ${(need / MiB).toFixed(0)} MiB of free space needed under ${dir}, ${(free / MiB).toFixed(0)} MiB free; size it down (--seek-mb, --open-mb, --commands) or set TMPDIR`);
  }
}

interface Env {
  data: string;
  store: Store;
  api: GatewayConnection;
  ctx: BenchContext;
  /** The app signed in as the reviewer, started on first use; undefined with --app off. */
  app?: () => Promise<ReviewApp>;
}

/** A recording of `mb` MB as an ended session of its own; returns the session id and its files. */
async function recordedSession(env: Env, mb: number, seed: number): Promise<{ id: string; cast: string; idx: string; duration: number; seconds: number; commands: number }> {
  const id = `bench-${seed}`;
  const rel = recordingPath(id, Date.now());
  const cast = join(env.data, rel);
  mkdirSync(dirname(cast), { recursive: true, mode: 0o700 });
  let shown = 0;
  const commands: ExtractedCommand[] = [];
  const [took, rec] = await timed(() =>
    generateRecording({
      castPath: cast,
      idxPath: indexPathOf(cast),
      bytes: mb * MiB,
      seed,
      onProgress: (b) => {
        if (b - shown < 50 * MiB) return;
        shown = b;
        env.ctx.progress(`review: recording ${(b / MiB).toFixed(0)}/${mb} MB`);
      },
      onCommand: (c) => void commands.push(c),
    }),
  );
  const sessions = createSessionRepo(env.store.db);
  const endedAt = Date.now();
  const startedAt = endedAt - Math.round(rec.duration * 1000); // the session as long as its recording
  const who = { user: 'alice', host: 'web-01', login: 'deploy' };
  sessions.create({ id, ...who, kind: 'shell', command: null, startedAt, status: 'live', recording: rel });
  // Its command log, as the gateway keeps a shell session's: the player's markers.
  const log = createCommandRepo(env.store.db);
  env.store.db.transaction(() => {
    for (const c of commands) log.add({ ...who, at: startedAt + Math.round(c.at), sessionId: id, offset: c.offset, command: c.command });
  })();
  sessions.finish(id, { status: 'ended', endedAt, bytes: rec.bytes, endedBy: 'client' });
  return { id, cast, idx: indexPathOf(cast), duration: rec.duration, seconds: took / 1000, commands: commands.length };
}

const fileMb = (file: string) => (statSync(file).size / MiB).toFixed(1);

async function seekReport(env: Env, s: Sizes): Promise<BenchReport> {
  const rec = await recordedSession(env, s.seekMb, 1);
  try {
    const header = await openRecording(rec.cast, rec.idx);
    const rand = prng(3);
    const times = Array.from({ length: s.seeks }, () => rand() * header.duration);
    const viaApi: ChunkSource = (ask) => env.api.request('review.recording.chunk', { sessionId: rec.id, ...ask });
    const direct: ChunkSource = (ask) => readChunk(rec.cast, rec.idx, ask);
    const term = newTerm(header.width, header.height);
    await seekTo(viaApi, 0, term); // warm-up: code loaded, connection open
    env.ctx.progress(`review: ${s.seeks} seeks through the API`);
    const api: number[] = [];
    let chunks = 0;
    for (const t of times) {
      const [took, r] = await timed(() => seekTo(viaApi, t, term));
      api.push(took);
      chunks += r.chunks;
    }
    env.ctx.progress(`review: ${s.seeks} seeks at the gateway's review code`);
    const gateway: number[] = [];
    for (const t of times) {
      const [took] = await timed(async () => {
        let chunk = await direct({ from: t, maxBytes: 256 * 1024 });
        while (chunk.next !== null && chunk.events.length > 0 && chunk.events.at(-1)![0] <= t) chunk = await direct({ cursor: chunk.next, maxBytes: 256 * 1024 });
      });
      gateway.push(took);
    }
    const app = await appSeeks(env, rec.id, times);
    const sample = times.slice(0, s.replays);
    const replay: number[] = [];
    for (const [i, t] of sample.entries()) {
      env.ctx.progress(`review: straight replay ${i + 1}/${sample.length} (to ${(t / 3600).toFixed(1)} h)`);
      replay.push((await timed(() => replayFromStart(rec.cast, header.width, header.height, t)))[0]);
    }
    term.dispose();
    const apiOfSample = api.slice(0, sample.length);
    return {
      title: `Seek to a random time in a ${fileMb(rec.cast)} MB recording (${(header.duration / 3600).toFixed(1)} h of session, ${header.keyframes.length} keyframes, index ${fileMb(rec.idx)} MB, ${rec.commands} commands), ms`,
      columns: ['how', 'seeks', 'p50', 'p95', 'max'],
      rows: [
        ['API over SSH (keyframe + chunks), screen drawn in @xterm/headless', api.length, ...stats(api)],
        ["gateway's review code alone (readChunk, same times)", gateway.length, ...stats(gateway)],
        ...(app ? [["the app: seek bar → frame painted (player in Chromium through the browser shell, same times)", app.length, ...stats(app)]] : []),
        ['API, the straight-replay sample only', apiOfSample.length, ...stats(apiOfSample)],
        ['straight replay from the start (asciinema-player seeking back)', replay.length, ...stats(replay)],
      ],
      notes: [
        `Targets: p95 < 50 ms at the gateway, < 150 ms to pixels in the app. ${(chunks / api.length).toFixed(2)} chunks (≤ 256 KiB) per seek on average; times uniform over the session, the same for every row.`,
        `Recording made by CastWriter + ScreenFollower with a simulated clock in ${rec.seconds.toFixed(0)} s; read from the page cache (just written).`,
        "The straight replay reads and parses the file from its start (a player holding it parsed would save the parse: see the next table's whole-file parse).",
        app
          ? "The app: the review window's player signed in as the reviewer (bench/review-app.ts); timed in the page from the seek bar's input event to the frame painted (writes parsed, rows rendered, frame painted); one warm-up seek first."
          : 'The app (--app off): not measured.',
      ],
    };
  } finally {
    rmSync(rec.cast, { force: true });
    rmSync(rec.idx, { force: true });
  }
}

async function openReport(env: Env, s: Sizes, repeats: number): Promise<BenchReport> {
  const rec = await recordedSession(env, s.openMb, 2);
  try {
    const viaApi: ChunkSource = (ask) => env.api.request('review.recording.chunk', { sessionId: rec.id, ...ask });
    const open: number[] = [];
    const inApp: number[] = [];
    const openAlone: number[] = [];
    const naive: number[] = [];
    for (let i = 0; i < Math.max(3, repeats); i++) {
      const [took] = await timed(async () => {
        const header = await env.api.request('review.recording.open', { sessionId: rec.id });
        const term = newTerm(header.width, header.height);
        await seekTo(viaApi, 0, term);
        term.dispose();
      });
      open.push(took);
      openAlone.push((await timed(() => openRecording(rec.cast, rec.idx)))[0]);
      if (env.app) inApp.push(await (await env.app()).open(rec.id));
    }
    for (let i = 0; i < Math.min(3, repeats); i++) {
      env.ctx.progress(`review: parsing the whole ${s.openMb} MB file ${i + 1}/${Math.min(3, repeats)}`);
      naive.push((await timed(() => parseWhole(rec.cast)))[0]);
    }
    return {
      title: `Open a ${fileMb(rec.cast)} MB recording at its first frame (index ${fileMb(rec.idx)} MB, ${rec.commands} commands), ms`,
      columns: ['how', 'runs', 'p50', 'p95', 'max'],
      rows: [
        ['review.recording.open + first chunk, drawn in @xterm/headless (API over SSH)', open.length, ...stats(open)],
        ...(env.app ? [["the app: session row double-clicked → player's first frame painted (Chromium)", inApp.length, ...stats(inApp)]] : []),
        ["gateway's openRecording alone", openAlone.length, ...stats(openAlone)],
        ['read and parse the whole file (what a player that loads it first does)', naive.length, ...stats(naive)],
      ],
      notes: ['Target: < 500 ms. The file is in the page cache (just written); a cold disk adds its read of the index and the first chunk.'],
    };
  } finally {
    rmSync(rec.cast, { force: true });
    rmSync(rec.idx, { force: true });
  }
}

/** The app's seeks to `times` in the session's recording (opened first, one warm-up seek); undefined with --app off. */
async function appSeeks(env: Env, sessionId: string, times: number[]): Promise<number[] | undefined> {
  if (!env.app) return undefined;
  env.ctx.progress(`review: ${times.length} seeks in the app (Chromium)`);
  const app = await env.app();
  await app.open(sessionId);
  await app.seek([times.at(-1)! / 2]);
  return app.seek(times);
}

/** The same filters as review.commands.search, as a LIKE scan (what a log without a full-text index does). */
function likeScan(store: Store, q: CommandSearch, cursorId?: number): unknown[] {
  const where = ['c.command LIKE @like'];
  if (q.user) where.push('c.user = @user');
  if (q.host) where.push('c.host = @host');
  if (cursorId !== undefined) where.push('c.id < @id');
  const sql = `SELECT c.id, c.at, c.user, c.host, c.login, c.session_id, c.command FROM commands c JOIN sessions s ON s.id = c.session_id
    WHERE ${where.join(' AND ')} ORDER BY c.id DESC LIMIT @limit`;
  return store.db.prepare(sql).all({ like: `%${q.query}%`, user: q.user, host: q.host, id: cursorId, limit: q.limit ?? 100 });
}

async function searchReport(env: Env, s: Sizes, repeats: number): Promise<BenchReport> {
  const [seedMs, sessionCount] = await timed(() => seedCommands(env.store.db, s.commands, (n) => n % 200_000 === 0 && env.ctx.progress(`review: ${n} commands logged`)));
  env.store.db.pragma('wal_checkpoint(TRUNCATE)');
  const queries: Array<{ name: string; q: CommandSearch; pages?: number }> = [
    { name: `rare word (${RARE_WORD})`, q: { query: RARE_WORD } },
    { name: 'common word (sudo)', q: { query: 'sudo' } },
    { name: 'two common words (systemctl restart)', q: { query: 'systemctl restart' } },
    { name: 'prefix (kub)', q: { query: 'kub' } },
    { name: 'common word, one user', q: { query: 'grep', user: userName(7) } },
    { name: 'word, one host', q: { query: 'restart', host: hostName(42) } },
    { name: 'rare word, one user', q: { query: 'panic', user: userName(3) } },
    { name: 'common word, pages 2–5 (cursor)', q: { query: 'ls' }, pages: 5 },
  ];
  const rows: BenchReport['rows'] = [];
  const allApi: number[] = [];
  const allLike: number[] = [];
  const runs = Math.max(20, repeats * 10);
  for (const { name, q, pages } of queries) {
    env.ctx.progress(`review: search "${name}"`);
    const api: number[] = [];
    const local: number[] = [];
    const like: number[] = [];
    let hits = 0;
    // Paged: the cursors of pages 2…N are fetched once, then each page is timed on its own.
    const cursors: Array<string | undefined> = [undefined];
    for (let p = 1; p < (pages ?? 1); p++) cursors.push(searchCommands(env.store.db, { ...q, cursor: cursors[p - 1] }).next ?? undefined);
    const asked = pages ? cursors.slice(1) : cursors;
    for (let i = 0; i < runs; i++) {
      for (const cursor of asked) {
        const params = { ...q, limit: 100, ...(cursor ? { cursor } : {}) };
        const [took, result] = await timed(() => env.api.request('review.commands.search', params));
        api.push(took);
        hits = result.commands.length;
        local.push((await timed(() => searchCommands(env.store.db, params)))[0]);
      }
    }
    for (let i = 0; i < Math.min(3, repeats); i++) {
      const last = pages ? searchCommands(env.store.db, { ...q, cursor: cursors.at(-1) }).commands.at(0) : undefined;
      like.push((await timed(() => likeScan(env.store, { ...q, limit: 100 }, last ? last.id + 1 : undefined)))[0]);
    }
    allApi.push(...api);
    allLike.push(...like);
    rows.push([name, hits, ...stats(api), ms(percentile(local, 50)), ms(percentile(local, 95)), ms(percentile(like, 50))]);
  }
  rows.push(['all of the above', '', ...stats(allApi), '', '', ms(percentile(allLike, 50))]);
  return {
    title: `review.commands.search over ${s.commands.toLocaleString('en')} logged commands (${sessionCount.toLocaleString('en')} sessions, 60 users, 800 hosts), ms`,
    columns: ['query (100 a page)', 'hits', 'API p50', 'API p95', 'API max', 'gateway code p50', 'gateway code p95', "LIKE '%…%' p50"],
    rows,
    notes: [
      `Target: p95 < 50 ms. Commands seeded through the session and command repos (FTS trigger) in ${(seedMs / 1000).toFixed(0)} s; database ${fileMb(join(env.data, 'gateway.db'))} MB.`,
      `API: request → validated answer over SSH (${runs} runs each); "gateway code": searchCommands on the same database in the bench process; LIKE: the same filters and order as a LIKE scan (${Math.min(3, repeats)} runs).`,
    ],
  };
}

async function run(ctx: BenchContext): Promise<BenchReport[]> {
  const sizes = sizesOf(ctx.options.extra);
  const need = diskNeeded(sizes);
  checkFreeSpace(tmpdir(), need);
  ctx.progress(`review: needs ~${(need / MiB).toFixed(0)} MiB of disk under ${tmpdir()} (removed at the end)`);
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-bench-review-'));
  const data = join(dir, 'gateway');
  const reviewer = generateEd25519KeyPair();
  const admin = openGatewayAdmin(data);
  admin.addUser({ name: 'rita', roles: ['security'], publicKeys: [reviewer.public] });
  admin.addUser({ name: 'alice', publicKeys: [generateEd25519KeyPair().public] });
  admin.close();
  let gateway: Awaited<ReturnType<typeof spawnGateway>> | undefined;
  let store: Store | undefined;
  let api: GatewayConnection | undefined;
  let app: Promise<ReviewApp> | undefined;
  try {
    gateway = await spawnGateway(data, { cwd: dir, recording: true });
    store = openStore(data);
    const expected = parsePublicKey(gateway.hostPublicKey).key.getPublicSSH();
    api = createGatewayConnection({
      name: 'bench',
      host: '127.0.0.1',
      port: gateway.port,
      user: 'rita',
      auth: { privateKey: reviewer.private },
      verifyHostKey: (blob) => (expected.equals(blob) ? { accept: true } : { accept: false, hostKey: { status: 'changed', keyType: 'ssh-ed25519', fingerprint: 'not the one the gateway printed' } }),
    });
    await api.connect();
    const started = gateway;
    const openApp = () => (app ??= openReviewApp({ gateway: started, user: 'rita', privateKey: reviewer.private }));
    const env: Env = { data, store, api, ctx, app: sizes.app ? openApp : undefined };
    return [await seekReport(env, sizes), await openReport(env, sizes, ctx.options.repeats), await searchReport(env, sizes, ctx.options.repeats)];
  } finally {
    await (await app?.catch(() => undefined))?.close();
    await api?.disconnect();
    store?.close();
    if (gateway) await stopGateway(gateway.process);
    rmSync(dir, { recursive: true, force: true });
  }
}

registerBenchmark({
  name: 'review',
  description: 'security review: seek in a 200 MB recording, open a 500 MB one, search 1,000,000 commands; --seek-mb 200 --open-mb 500 (--mb N: both) --commands N --seeks 200 --replays 10 --app on|off (the app half in Chromium: needs npm run build:renderer)',
  run,
});
