// Terminal injection through the CLI: a real gateway takes an unauthenticated login whose user
// name carries escape sequences and an exec whose command does; the CLI's human output must show
// them as visible escapes (no control character reaches the terminal), its --json output exactly.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSshdHosts, type SshdHosts } from '../../../lab/sshd-hosts';
import { GATEWAY_BIN } from '../../../lab/gateway-bin';
import { generateEd25519KeyPair } from '../../../shared/node/ssh-keys';
import { startGateway, type Gateway } from '..';
import { connectClient, exec, runCliCaptured, runProcess } from '../testing';
import { unescapeTerminalText } from './terminal-text';

const alice = generateEd25519KeyPair();
const stranger = generateEd25519KeyPair();
const credential = generateEd25519KeyPair();
// Erase the line, go back to its start, draw a forged entry; a C1 CSI and a right-to-left override too.
const FORGED_USER = '\r\x1b[2K#9 2026-01-01 login.success admin \x9b31m\u202e';
const COMMAND = 'true # \x1b]0;owned\x07\r\x1b[2Kreboot \x9b2J \u202eevil\u2066';
/** Any character a terminal could act on or that hides text: C0, DEL, C1, Unicode format/separators. */
const CONTROL = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

let dir: string;
let data: string;
let lab: SshdHosts;
let gw: Gateway;
const cli = (...args: string[]) => runCliCaptured(args, { env: { PORTCULLIS_DATA: data } });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gw-cli-terminal-'));
  data = join(dir, 'data');
  lab = await startSshdHosts({ dir: join(dir, 'hosts'), names: ['web-01'], authorizedKeys: [credential.public] });
  writeFileSync(join(dir, 'alice.pub'), alice.public);
  writeFileSync(join(dir, 'cred'), credential.private, { mode: 0o600 });
  const login = lab.hosts[0]!.login;
  for (const args of [
    ['init'],
    ['user', 'add', 'alice', '--key', join(dir, 'alice.pub')],
    ['host', 'add', 'web-01', '--address', lab.hosts[0]!.address],
    ['credential', 'set', 'web-01', '--login', login, '--key', join(dir, 'cred')],
    ['grant', 'add', '--user', 'alice', '--hosts', 'web-01', '--login', login, '--for', '1h'],
  ]) {
    expect((await cli(...args)).code, args.join(' ')).toBe(0);
  }
  gw = await startGateway({ dataDir: data, logger: pino({ level: 'silent' }), loginPolicy: { sourceDelayBaseMs: 0 } });

  const refused = connectClient({ port: gw.address.port, username: FORGED_USER, privateKey: stranger.private, hostPublicKey: gw.hostPublicKey });
  await expect(refused).rejects.toThrow(/authentication/i);
  const conn = await connectClient({ port: gw.address.port, username: `alice:${login}@web-01`, privateKey: alice.private, hostPublicKey: gw.hostPublicKey });
  expect(await exec(conn, COMMAND)).toMatchObject({ code: 0 });
  conn.end();
}, 60_000);
afterAll(async () => {
  await gw?.close();
  await lab?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('CLI output with hostile data', () => {
  it('audit list shows the forged user name escaped, on one line; --json round-trips it', async () => {
    const text = await cli('audit', 'list', '--type', 'login.failure');
    expect(text.code).toBe(0);
    expect(text.stdout.replace(/\n/g, '')).not.toMatch(CONTROL);
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('login.failure \\r\\e[2K#9 2026-01-01 login.success admin \\u009b31m\\u202e {');
    const actor = /login\.failure (.*) \{/.exec(lines[0]!)![1]!;
    expect(unescapeTerminalText(actor)).toBe(FORGED_USER);

    const json = await cli('audit', 'list', '--type', 'login.failure', '--json');
    expect(json.stdout.replace(/\n$/, '')).not.toMatch(CONTROL);
    expect((JSON.parse(json.stdout) as { actor: string }).actor).toBe(FORGED_USER);
  });

  it('sessions list and commands search show the exec command escaped; --json round-trips it', async () => {
    for (const args of [['sessions', 'list'], ['commands', 'search', '']]) {
      const text = await cli(...args);
      expect(text.code, args.join(' ')).toBe(0);
      const rows = text.stdout.trimEnd().split('\n');
      expect(rows, args.join(' ')).toHaveLength(2); // header + the one exec: nothing broke the line
      for (const row of rows) expect(row, args.join(' ')).not.toMatch(CONTROL);
      expect(rows[1]!.endsWith('true # \\e]0;owned\\x07\\r\\e[2Kreboot \\u009b2J \\u202eevil\\u2066'), rows[1]).toBe(true);

      const json = await cli(...args, '--json');
      expect(json.stdout.replace(/\n/g, ''), args.join(' ')).not.toMatch(CONTROL);
      expect((JSON.parse(json.stdout) as { command: string }[])[0]!.command).toBe(COMMAND);
    }
  });

  it('the installed command writes no control byte to its standard output', async () => {
    const r = await runProcess(process.execPath, [GATEWAY_BIN, 'audit', 'list', '--data', data], { env: { ...process.env, PORTCULLIS_LOG_LEVEL: 'warn' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('\\r\\e[2K#9');
    expect(r.stdout.replace(/\n/g, '')).not.toMatch(CONTROL);
  });
});
