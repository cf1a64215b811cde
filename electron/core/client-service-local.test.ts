// The client service's local methods (profiles, ssh config import, layout, settings, links)
// through the real dispatcher and a real store; no gateway needed.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClientService, type ClientService } from './client-service';
import { DEFAULT_SETTINGS, openClientStore, type ClientStore } from './store/client-store';
import { FakeRenderer } from './testing';

describe('client service: local state', () => {
  let dir: string;
  let store: ClientStore;
  let service: ClientService;
  let r: FakeRenderer;
  const opened: string[] = [];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'portcullis-local-'));
    mkdirSync(join(dir, 'home', '.ssh'), { recursive: true });
    writeFileSync(join(dir, 'home', '.ssh', 'config'), 'Host jump\n  HostName jump.example\n  User bob\n  IdentityFile ~/.ssh/id_jump\nHost *\n  Port 2200\n');
    store = openClientStore(join(dir, 'client'), { log: () => {} });
    service = createClientService({ store, home: join(dir, 'home'), shell: 'electron', version: 't', log: () => {}, openExternal: async (url) => void opened.push(url) });
    r = new FakeRenderer(service.openSession());
  });
  afterAll(async () => {
    await service.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('saves, lists and removes profiles; invalid ones are refused with the field named', async () => {
    const saved = (await r.call('profiles.save', { profile: { name: 'gw', host: 'gw.example', port: 22, user: 'alice', auth: { kind: 'agent' } } })) as { id: string };
    expect(saved).toMatchObject({ id: expect.stringMatching(/^p/), name: 'gw', rememberPassphrase: false });
    await expect(r.call('profiles.save', { profile: { name: 'bad', host: 'gw', port: 70000, user: 'a', auth: { kind: 'agent' } } })).rejects.toMatchObject({ code: 'bad_request', message: expect.stringMatching(/port/) });
    // No keychain in this service: remembering a passphrase is refused, plainly.
    await expect(r.call('profiles.save', { profile: { name: 'k', host: 'gw', port: 22, user: 'a', auth: { kind: 'key', keyFile: '/k' }, rememberPassphrase: true } })).rejects.toMatchObject({ message: expect.stringMatching(/never stores secrets/) });
    expect(await r.call('profiles.list')).toEqual([saved]);
    expect(await r.call('profiles.remove', { id: saved.id })).toBeNull();
    await expect(r.call('profiles.remove', { id: saved.id })).rejects.toMatchObject({ code: 'not_found' });
    await expect(r.call('gateway.connect', {})).rejects.toMatchObject({ code: 'bad_request', message: expect.stringMatching(/no gateway profile yet/) });
  });

  it('imports ~/.ssh/config once', async () => {
    const first = (await r.call('profiles.importSshConfig')) as { imported: Array<Record<string, unknown>>; skipped: Array<{ host: string }> };
    expect(first.imported).toEqual([expect.objectContaining({ name: 'jump', host: 'jump.example', port: 2200, user: 'bob', auth: { kind: 'key', keyFile: join(dir, 'home/.ssh/id_jump') } })]);
    expect(first.skipped.map((s) => s.host)).toEqual(['*']);
    const second = (await r.call('profiles.importSshConfig')) as { imported: unknown[]; skipped: Array<{ host: string; reason: string }> };
    expect(second.imported).toEqual([]);
    expect(second.skipped).toContainEqual({ host: 'jump', reason: 'already a profile' });
  });

  it('keeps the layout and settings', async () => {
    expect(await r.call('layout.get')).toBeNull();
    const layout = { version: 1, activeTab: 'a', tabs: [{ id: 'a', root: { kind: 'terminal', id: 'x', host: 'web-01', login: 'root' } }] };
    expect(await r.call('layout.save', { layout })).toBeNull();
    expect(await r.call('layout.get')).toEqual(layout);
    await expect(r.call('layout.save', { layout: { ...layout, activeTab: 5 } })).rejects.toMatchObject({ code: 'bad_request' });
    expect(await r.call('settings.get')).toEqual(DEFAULT_SETTINGS);
    expect(await r.call('settings.save', { settings: { ...DEFAULT_SETTINGS, theme: 'light' } })).toMatchObject({ theme: 'light' });
    expect(await r.call('settings.get')).toMatchObject({ theme: 'light' });
    await expect(r.call('settings.save', { settings: { ...DEFAULT_SETTINGS, theme: 'pink' } })).rejects.toMatchObject({ code: 'bad_request' });
  });

  it('keeps the sidebar width, within bounds', async () => {
    expect(await r.call('view.get')).toEqual({ sidebar: { width: 300, collapsed: false } });
    expect(await r.call('view.save', { view: { sidebar: { width: 420, collapsed: true } } })).toBeNull();
    await expect(r.call('view.save', { view: { sidebar: { width: 5000, collapsed: false } } })).rejects.toMatchObject({ code: 'bad_request', message: expect.stringMatching(/width/) });
    const again = openClientStore(join(dir, 'client'), { log: () => {} });
    expect(again.getViewState()).toEqual({ sidebar: { width: 420, collapsed: true } });
    again.close();
  });

  it('keeps favourites and recent hosts per profile, on disk, validated, and drops them with the profile', async () => {
    const gw = (await r.call('profiles.save', { profile: { name: 'places', host: 'gw.example', port: 22, user: 'alice', auth: { kind: 'agent' } } })) as { id: string };
    const other = (await r.call('profiles.save', { profile: { name: 'places-2', host: 'gw2.example', port: 22, user: 'alice', auth: { kind: 'agent' } } })) as { id: string };
    expect(await r.call('hosts.places', { profileId: gw.id })).toEqual({ favourites: [], recents: [] });
    await r.call('hosts.star', { profileId: gw.id, host: 'db-01', starred: true });
    await r.call('hosts.opened', { profileId: gw.id, host: 'web-01', login: 'root' });
    const places = await r.call('hosts.opened', { profileId: gw.id, host: 'web-02', login: 'deploy' });
    expect(places).toEqual({ favourites: ['db-01'], recents: [{ host: 'web-02', login: 'deploy' }, { host: 'web-01', login: 'root' }] });
    // Another process reading the same store (the app after a restart) sees them; the other profile has none.
    const again = openClientStore(join(dir, 'client'), { log: () => {} });
    expect(again.hostPlaces(gw.id)).toEqual(places);
    expect(again.hostPlaces(other.id)).toEqual({ favourites: [], recents: [] });
    again.close();
    // Bad input is refused with a clear error, and nothing saved is lost.
    await expect(r.call('hosts.star', { profileId: gw.id, host: 'rm -rf /', starred: true })).rejects.toMatchObject({ code: 'bad_request', message: expect.stringMatching(/host/) });
    await expect(r.call('hosts.opened', { profileId: 'p404', host: 'web-01', login: 'root' })).rejects.toMatchObject({ code: 'not_found' });
    expect(await r.call('hosts.places', { profileId: gw.id })).toEqual(places);
    expect(await r.call('hosts.star', { profileId: gw.id, host: 'db-01', starred: false })).toMatchObject({ favourites: [] });
    await r.call('profiles.remove', { id: gw.id });
    await r.call('profiles.remove', { id: other.id });
    expect(store.hostPlaces.bind(store, gw.id)).toThrow(/no profile/);
  });

  it('opens only http(s) links', async () => {
    expect(await r.call('app.openExternal', { url: 'https://example.com/a?b' })).toBeNull();
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share']) {
      await expect(r.call('app.openExternal', { url }), url).rejects.toMatchObject({ code: 'bad_request', message: expect.stringMatching(/only http and https/) });
    }
    expect(opened).toEqual(['https://example.com/a?b']);
  });
});
