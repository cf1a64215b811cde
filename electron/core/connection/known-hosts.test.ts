// known_hosts parsing and matching, checked against entries written by the real ssh-keygen
// (`-H` hashes names exactly as OpenSSH does).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateEd25519KeyPair } from '../../../shared/node/ssh-keys';
import { judgeHostKey, presentedKeyFromLine } from './host-trust';
import { hostsFieldMatches, knownHostsName, knownKeysFor, parseKnownHosts } from './known-hosts';

const dir = mkdtempSync(join(tmpdir(), 'portcullis-known-hosts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const keyA = generateEd25519KeyPair().public;
const keyB = generateEd25519KeyPair().public;

describe('known_hosts', () => {
  it('names endpoints as OpenSSH does', () => {
    expect(knownHostsName('Gw.Example', 22)).toBe('gw.example');
    expect(knownHostsName('10.0.0.1', 2222)).toBe('[10.0.0.1]:2222');
  });

  it('matches plain names, [host]:port, lists, wildcards and negation', () => {
    expect(hostsFieldMatches('gw.example,10.0.0.1', 'gw.example', 22)).toBe(true);
    expect(hostsFieldMatches('gw.example', 'gw.example', 2222)).toBe(false); // another port is another endpoint
    expect(hostsFieldMatches('[gw.example]:2222', 'gw.example', 2222)).toBe(true);
    expect(hostsFieldMatches('*.example', 'gw.example', 22)).toBe(true);
    expect(hostsFieldMatches('gw?.example', 'gw1.example', 22)).toBe(true);
    expect(hostsFieldMatches('*.example,!gw.example', 'gw.example', 22)).toBe(false);
    expect(hostsFieldMatches('g.w', 'gxw', 22)).toBe(false); // a dot is a dot, not a regex
  });

  it('matches hashed names written by ssh-keygen -H, and nothing else', () => {
    const file = join(dir, 'hashed');
    writeFileSync(file, `gw.example ${keyA}\n[127.0.0.1]:2222 ${keyB}\n`);
    execFileSync('ssh-keygen', ['-H', '-f', file], { stdio: 'ignore' });
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('gw.example');
    const entries = parseKnownHosts(text);
    expect(entries.every((e) => e.hosts.startsWith('|1|'))).toBe(true);
    expect(knownKeysFor(entries, 'gw.example', 22).map((e) => e.blob)).toEqual([presentedKeyFromLine(keyA).blob]);
    expect(knownKeysFor(entries, '127.0.0.1', 2222).map((e) => e.blob)).toEqual([presentedKeyFromLine(keyB).blob]);
    expect(knownKeysFor(entries, '127.0.0.1', 22)).toEqual([]);
    expect(knownKeysFor(entries, 'gw.example2', 22)).toEqual([]);
  });

  it('skips comments, markers it does not use and broken lines', () => {
    const entries = parseKnownHosts(
      ['# comment', '', 'only-a-host', `@cert-authority *.example ${keyA}`, `@revoked gw.example ${keyB}`, `@bogus gw.example ${keyA}`, 'gw.example ssh-ed25519 !!notbase64', `gw.example ${keyA} a comment`].join('\n'),
    );
    expect(entries.map((e) => e.marker)).toEqual(['cert-authority', 'revoked', null]);
    expect(knownKeysFor(entries, 'gw.example', 22).map((e) => e.marker)).toEqual(['revoked', null]); // CA keys are not host keys
  });

  it('judges: ours first, then known_hosts; same-type difference is a change, other types only ask', () => {
    const a = presentedKeyFromLine(keyA);
    const b = presentedKeyFromLine(keyB);
    const known = parseKnownHosts(`gw ${keyA}\n`);
    expect(judgeHostKey(a, null, [])).toEqual({ trusted: false, check: { status: 'unknown', keyType: 'ssh-ed25519', fingerprint: a.fingerprint } });
    expect(judgeHostKey(a, null, known)).toEqual({ trusted: true, source: 'known_hosts' });
    expect(judgeHostKey(b, null, known)).toMatchObject({ trusted: false, check: { status: 'changed', fingerprint: b.fingerprint, expectedFingerprint: a.fingerprint, source: 'known_hosts' } });
    expect(judgeHostKey(a, b, [])).toMatchObject({ trusted: false, check: { status: 'changed', expectedFingerprint: b.fingerprint, source: 'portcullis' } });
    expect(judgeHostKey(b, b, known)).toEqual({ trusted: true, source: 'portcullis' });
    const rsaOnly = parseKnownHosts('gw ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQC7\n');
    expect(judgeHostKey(a, null, rsaOnly)).toMatchObject({ trusted: false, check: { status: 'unknown' } });
    expect(judgeHostKey(b, null, parseKnownHosts(`@revoked gw ${keyB}\ngw ${keyB}\n`))).toMatchObject({ trusted: false, check: { status: 'changed' } });
  });
});
