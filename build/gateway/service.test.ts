// The example systemd unit: hardened, and its command lines use flags the CLI really has.
// `systemd-analyze verify` checks it too where systemd is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProgram, type CliIo } from '../../gateway/src/cli/program';
import { gatewayNodeFlags } from '../../lab/gateway-bin';

const UNIT = resolve(__dirname, 'portcullis-gateway.service');
const text = readFileSync(UNIT, 'utf8');

/** directive → every value it is given (in order), from the [Service]/[Unit]/[Install] lines. */
function directives(unit: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const raw of unit.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith('[')) continue;
    const eq = line.indexOf('=');
    const key = line.slice(0, eq);
    map.set(key, [...(map.get(key) ?? []), line.slice(eq + 1)]);
  }
  return map;
}

describe('systemd unit', () => {
  const d = directives(text);
  const one = (key: string) => d.get(key)?.at(-1);

  it('is hardened', () => {
    expect(one('DynamicUser')).toBe('yes');
    expect(one('StateDirectory')).toBe('portcullis');
    for (const key of ['NoNewPrivileges', 'ProtectHome', 'PrivateTmp', 'PrivateDevices', 'ProtectKernelTunables', 'RestrictSUIDSGID', 'LockPersonality']) expect(one(key), key).toBe('yes');
    expect(one('ProtectSystem')).toBe('strict');
    expect(one('CapabilityBoundingSet')).toBe('');
    expect(one('RestrictAddressFamilies')).toBe('AF_INET AF_INET6 AF_UNIX');
    expect(d.get('SystemCallFilter')).toContain('@system-service');
    expect(one('KillSignal')).toBe('SIGTERM');
    // The stop timeout leaves room for the default 10 s drain.
    expect(Number.parseInt(one('TimeoutStopSec')!, 10)).toBeGreaterThan(10);
  });

  it('runs CLI commands with options the CLI has, listening where the config says', () => {
    const io: CliIo = { out: () => {}, err: () => {}, env: {}, readStdin: async () => '', stopSignal: () => new Promise(() => {}) };
    const program = buildProgram(io);
    for (const exec of [...(d.get('ExecStartPre') ?? []), ...(d.get('ExecStart') ?? [])]) {
      const words = exec.split(/\s+/);
      const nodeFlags = words.slice(1, words.findIndex((w) => w.endsWith('.mjs')));
      const [bin, name, ...args] = words.slice(1 + nodeFlags.length);
      // serve runs with the node flags the CLI's shebang gives it (npx, PATH); init needs none.
      if (name === 'serve') expect(nodeFlags).toEqual(gatewayNodeFlags());
      expect(bin).toBe('/opt/portcullis/bin/portcullis-gateway.mjs');
      const command = program.commands.find((c) => c.name() === name);
      expect(command, name).toBeDefined();
      const known = command!.options.map((o) => o.long);
      for (const flag of args.filter((a) => a.startsWith('--'))) expect(known, `${name} ${flag}`).toContain(flag);
      // Where it listens is the config's (listen:, PORTCULLIS_LISTEN): a flag here would override both.
      expect(args, name).not.toContain('--listen');
    }
  });

  it.skipIf(!existsSync('/usr/bin/systemd-analyze'))('passes systemd-analyze verify', () => {
    const r = spawnSync('/usr/bin/systemd-analyze', ['verify', UNIT], { encoding: 'utf8' });
    expect(r.stderr + r.stdout).toBe('');
    expect(r.status).toBe(0);
  });
});
