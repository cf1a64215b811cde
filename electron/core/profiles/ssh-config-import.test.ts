// Importing gateway profiles from an ssh config file (the real ssh-config parser, a temp HOME).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Profile } from '../../../shared/contract/profiles';
import { profilesFromSshConfig, readSshConfig } from './ssh-config-import';

const home = mkdtempSync(join(tmpdir(), 'portcullis-home-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('ssh config import', () => {
  it('says so when there is no config', async () => {
    expect(await readSshConfig(home, [])).toEqual({ profiles: [], skipped: [{ host: join(home, '.ssh', 'config'), reason: 'there is no ssh config file' }] });
  });

  it('takes Host, HostName, Port, User and IdentityFile (with ~), skips wildcards and existing profiles', async () => {
    mkdirSync(join(home, '.ssh'), { recursive: true });
    writeFileSync(
      join(home, '.ssh', 'config'),
      [
        'Host bastion bastion-alias',
        '  HostName bastion.example.com',
        '  Port 2222',
        '  User alice',
        '  IdentityFile ~/.ssh/id_bastion',
        'Host *.internal web-?',
        '  User nobody',
        'Host plain',
        '  HostName 10.0.0.5',
        'Host known',
        '  HostName known.example',
        'Host *',
        '  IdentityFile %d/.ssh/id_default',
      ].join('\n'),
    );
    const existing = [{ id: 'p1', name: 'known', host: 'elsewhere', port: 22, user: 'x', auth: { kind: 'agent' }, rememberPassphrase: false }] as Profile[];
    const result = await readSshConfig(home, existing);
    expect(result.profiles).toEqual([
      { name: 'bastion', host: 'bastion.example.com', port: 2222, user: 'alice', auth: { kind: 'key', keyFile: join(home, '.ssh/id_bastion') }, rememberPassphrase: false },
      { name: 'plain', host: '10.0.0.5', port: 22, user: userInfo().username, auth: { kind: 'key', keyFile: join(home, '.ssh/id_default') }, rememberPassphrase: false },
    ]);
    expect(result.skipped).toEqual([
      { host: 'bastion-alias', reason: 'already a profile' }, // same user@host:port as "bastion"
      { host: '*.internal', reason: 'a wildcard pattern names no single gateway' },
      { host: 'web-?', reason: 'a wildcard pattern names no single gateway' },
      { host: 'known', reason: 'already a profile' },
      { host: '*', reason: 'a wildcard pattern names no single gateway' },
    ]);
  });

  it('says which field made an entry unusable, as facts the renderer words (no zod English)', () => {
    const result = profilesFromSshConfig('Host odd\n  HostName odd.example\n  Port 70000\n  User alice\n', '/home/x', []);
    expect(result.skipped).toEqual([{ host: 'odd', reason: expect.stringMatching(/^not usable as a gateway profile/), issues: [{ code: 'too_big', path: ['port'], origin: 'number', maximum: 65535 }] }]);
  });
});
