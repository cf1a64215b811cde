// The file panel's main side against a REAL gateway (transfer.policy allow, then deny) and a REAL
// OpenSSH sshd target on loopback: listing, an upload and a download through the one-time URLs
// (the Web Request/Response both shells hand over), cancel mid-way in both directions, the
// gateway's refusal, and the gateway's audit row of an upload made here carrying the file's SHA-256.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpFixture, type Fixture } from '../../../lab/gateway-fixture';
import type { Gateway } from '../../../gateway/src';
import { auditEntries, waitFor } from '../../../gateway/src/testing';
import type { TransferProgress } from '../../../shared/contract/client-api/files';
import { createClientService, type ClientService } from '../client-service';
import { presentedKeyFromLine } from '../connection/host-trust';
import { endpointOf, openClientStore, type ClientStore } from '../store/client-store';
import { FakeRenderer, stopClientTest } from '../testing';

let fx: Fixture;
let gw: Gateway;
let store: ClientStore;
let service: ClientService;
/** A directory on the target (the lab's sshd runs on this machine as this user). */
let remote: string;

const ORIGIN = 'http://127.0.0.1:1';
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function startService(gateway: Gateway): Promise<void> {
  const profile = store.saveProfile(undefined, { name: `test-${gateway.address.port}`, host: gateway.address.host, port: gateway.address.port, user: 'alice', auth: { kind: 'key', keyFile: join(fx.dir, 'alice_key') } });
  store.trustHostKey(endpointOf(profile), presentedKeyFromLine(gateway.hostPublicKey));
  service = createClientService({ store, home: join(fx.dir, 'home'), shell: 'browser', version: '0.0.0-test', log: () => {} });
  await service.connect({ profileId: profile.id });
}

/** A renderer session that keeps every progress event. */
function renderer() {
  const r = new FakeRenderer(service.openSession());
  const progress: TransferProgress[] = [];
  r.session.onEvent((m) => m.event === 'files.progress' && progress.push(m.payload as TransferProgress));
  const last = (id: string) => progress.filter((p) => p.transferId === id).at(-1);
  const open = async () => (await r.call('files.open', { host: 'web-01', login: fx.login })) as { ok: true; filesId: string; home: string };
  return { r, progress, last, open };
}

/** The request the browser sends for an upload, with the picked file as its body. */
const put = (url: string, body: BodyInit) => service.serveFileTransfer(new Request(ORIGIN + url, { method: 'PUT', body, duplex: 'half' } as RequestInit))!;
const get = (url: string) => service.serveFileTransfer(new Request(ORIGIN + url))!;

beforeAll(async () => {
  fx = await setUpFixture('portcullis-files-');
  writeFileSync(join(fx.dir, 'alice_key'), fx.keys.alice.private, { mode: 0o600 });
  mkdirSync(join(fx.dir, 'home'));
  remote = join(fx.dir, 'remote');
  mkdirSync(join(remote, 'sub'), { recursive: true });
  writeFileSync(join(remote, 'hello.txt'), 'hello\n');
  gw = await fx.start({ transfer: { policy: 'allow' } });
  store = openClientStore(join(fx.dir, 'client'), { log: () => {} });
  await startService(gw);
}, 60_000);

afterAll(() => stopClientTest({ service, store, gateway: gw, fx }));

describe('file panel main side, transfer.policy allow', () => {
  it('opens an SFTP session through the gateway and lists a directory, folders first', async () => {
    const { r, open } = renderer();
    const files = await open();
    expect(files).toMatchObject({ ok: true, filesId: expect.stringMatching(/^f\d+$/) });
    expect(files.home.startsWith('/')).toBe(true);
    const listing = (await r.call('files.list', { filesId: files.filesId, path: `${remote}/sub/..` })) as { ok: true; path: string; entries: Array<{ name: string; type: string; size: number }> };
    expect(listing.path).toBe(remote);
    expect(listing.entries.map((e) => [e.name, e.type])).toEqual([['sub', 'directory'], ['hello.txt', 'file']]);
    expect(listing.entries[1]!.size).toBe(6);
    expect(await r.call('files.list', { filesId: files.filesId, path: `${remote}/missing` })).toEqual({ ok: false, error: 'no_such_file' });
    await r.session.close();
  });

  it('uploads a picked file through its one-time URL; the gateway audits it with the same SHA-256', async () => {
    const { r, open, last } = renderer();
    const { filesId } = await open();
    const bytes = randomBytes(3 * 1024 * 1024 + 17);
    const ticket = (await r.call('files.upload', { filesId, directory: remote, name: 'up load.bin', size: bytes.length })) as { ok: true; transferId: string; url: string };
    expect(ticket.url).toBe(`/files/transfer/${ticket.transferId}`);
    expect((await put(ticket.url, bytes)).status).toBe(204);
    expect(sha256(readFileSync(join(remote, 'up load.bin')))).toBe(sha256(bytes));
    await r.until(() => last(ticket.transferId)?.state === 'done', 'upload done');
    expect(last(ticket.transferId)).toMatchObject({ direction: 'upload', bytes: bytes.length, total: bytes.length });
    // The URL is spent.
    expect((await put(ticket.url, bytes)).status).toBe(404);
    // The gateway writes its row when the file is closed.
    const path = join(remote, 'up load.bin');
    await waitFor(() => auditEntries(fx.dataDir, 'transfer.file').some((e) => e.data.path === path), 5000);
    const row = auditEntries(fx.dataDir, 'transfer.file').find((e) => e.data.path === path)!;
    expect(row).toMatchObject({ actor: 'alice', data: { direction: 'upload', bytes: bytes.length, sha256: sha256(bytes), complete: true } });
    await r.session.close();
  });

  it('never uploads over an existing file, and takes names only', async () => {
    const { r, open } = renderer();
    const { filesId } = await open();
    expect(await r.call('files.upload', { filesId, directory: remote, name: 'hello.txt', size: 1 })).toEqual({ ok: false, error: 'exists' });
    for (const name of ['../escape', '.', '..', 'a/b', 'x\0y', 'n'.repeat(256)]) {
      await expect(r.call('files.upload', { filesId, directory: remote, name, size: 1 })).rejects.toMatchObject({ code: 'bad_request' });
    }
    await expect(r.call('files.list', { filesId, path: 'relative/path' })).rejects.toMatchObject({ code: 'bad_request' });
    expect(readFileSync(join(remote, 'hello.txt'), 'utf8')).toBe('hello\n');
    await r.session.close();
  });

  it('an upload whose body is not the announced size fails and leaves no file behind', async () => {
    const { r, open, last } = renderer();
    const { filesId } = await open();
    const ticket = (await r.call('files.upload', { filesId, directory: remote, name: 'short.bin', size: 100 })) as { transferId: string; url: string };
    expect((await put(ticket.url, randomBytes(40))).status).toBe(502);
    expect(last(ticket.transferId)).toMatchObject({ state: 'failed', error: 'size_mismatch' });
    expect(existsSync(join(remote, 'short.bin'))).toBe(false);
    await r.session.close();
  });

  it('downloads a remote file as an attachment, with progress to the end', async () => {
    const { r, open, last } = renderer();
    const { filesId } = await open();
    const bytes = randomBytes(2 * 1024 * 1024 + 5);
    writeFileSync(join(remote, 'down.bin'), bytes);
    const ticket = (await r.call('files.download', { filesId, path: join(remote, 'down.bin') })) as { ok: true; transferId: string; url: string; name: string; size: number };
    expect(ticket).toMatchObject({ ok: true, name: 'down.bin', size: bytes.length });
    const response = await get(ticket.url);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename*=UTF-8''down.bin`);
    expect(sha256(Buffer.from(await response.arrayBuffer()))).toBe(sha256(bytes));
    await r.until(() => last(ticket.transferId)?.state === 'done', 'download done');
    expect(await r.call('files.download', { filesId, path: remote })).toEqual({ ok: false, error: 'failed' }); // a directory
    expect(await r.call('files.download', { filesId, path: join(remote, 'nope') })).toEqual({ ok: false, error: 'no_such_file' });
    await r.session.close();
  });

  it('cancels an upload mid-way (the partial file is removed) and a download mid-way', async () => {
    const { r, open, last } = renderer();
    const { filesId } = await open();
    // An upload whose picked file arrives slowly: a first chunk, then nothing until cancelled.
    const ticket = (await r.call('files.upload', { filesId, directory: remote, name: 'cut.bin', size: 10 * 1024 * 1024 })) as { transferId: string; url: string };
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(randomBytes(256 * 1024));
      },
    });
    const answer = put(ticket.url, body);
    await r.until(() => (last(ticket.transferId)?.bytes ?? 0) > 0 && existsSync(join(remote, 'cut.bin')), 'upload under way');
    await r.call('files.cancel', { transferId: ticket.transferId });
    expect((await answer).status).toBe(409);
    expect(last(ticket.transferId)).toMatchObject({ state: 'cancelled' });
    expect(existsSync(join(remote, 'cut.bin'))).toBe(false);

    writeFileSync(join(remote, 'big.bin'), randomBytes(8 * 1024 * 1024));
    const down = (await r.call('files.download', { filesId, path: join(remote, 'big.bin') })) as { transferId: string; url: string };
    const reader = (await get(down.url)).body!.getReader();
    await reader.read(); // the download is under way, and the browser reads no further
    await r.call('files.cancel', { transferId: down.transferId });
    await r.until(() => last(down.transferId)?.state === 'cancelled', 'download cancelled');
    await expect((async () => { for (;;) if ((await reader.read()).done) return; })()).rejects.toThrow();
    await r.session.close();
  });

  it("another renderer session cannot use a file session or a transfer that is not its own", async () => {
    const mine = renderer();
    const { filesId } = await mine.open();
    const ticket = (await mine.r.call('files.download', { filesId, path: join(remote, 'hello.txt') })) as { transferId: string; url: string };
    const other = renderer();
    await expect(other.r.call('files.list', { filesId, path: remote })).rejects.toMatchObject({ code: 'not_found' });
    await other.r.call('files.cancel', { transferId: ticket.transferId });
    expect(mine.last(ticket.transferId)?.state).not.toBe('cancelled');
    // Closing the session that owns it spends its URLs.
    await mine.r.session.close();
    expect((await get(ticket.url)).status).toBe(404);
    await other.r.session.close();
  });
});

describe('file panel main side, transfer.policy deny', () => {
  it('says the administrator disabled file transfer', async () => {
    await service.close();
    await gw.close();
    gw = await fx.start({ transfer: { policy: 'deny' } });
    await startService(gw);
    const { open } = renderer();
    expect(await open()).toEqual({ ok: false, error: 'refused', refusal: 'transfer_disabled' });
    await waitFor(() => auditEntries(fx.dataDir, 'transfer.refused').length > 0, 5000);
  });
});
