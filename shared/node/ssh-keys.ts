// SSH key helpers shared by the gateway (registering and matching keys) and the client (pinning the gateway host key).
import { createHash } from 'node:crypto';
import ssh2, { type ParsedKey } from 'ssh2';

export interface PublicKeyInfo {
  key: ParsedKey;
  /** OpenSSH one-line form without the comment: `ssh-ed25519 AAAA…`. */
  openssh: string;
  /** As `ssh-keygen -l` prints it: `SHA256:…`. */
  fingerprint: string;
}

/** The key type and blob of a parsed key, as one OpenSSH line. */
export function opensshLine(key: ParsedKey): string {
  return `${key.type} ${key.getPublicSSH().toString('base64')}`;
}

export function fingerprintOf(blob: Buffer): string {
  return 'SHA256:' + createHash('sha256').update(blob).digest('base64').replace(/=+$/, '');
}

function parseOne(input: string | Buffer): ParsedKey | Error {
  const parsed = ssh2.utils.parseKey(input);
  if (parsed instanceof Error) return parsed;
  return Array.isArray(parsed) ? (parsed[0] ?? new Error('no key found')) : parsed;
}

/** Parses an OpenSSH public key line (or the raw blob a peer sent). Throws with a readable reason. */
export function parsePublicKey(input: string | Buffer): PublicKeyInfo {
  const key = parseOne(input);
  if (key instanceof Error) throw new Error(`not an SSH public key: ${key.message}`);
  if (key.isPrivateKey()) throw new Error('expected a public key, got a private key');
  if (key.type.endsWith('-cert-v01@openssh.com')) throw new Error('OpenSSH certificates are not supported yet');
  return { key, openssh: opensshLine(key), fingerprint: fingerprintOf(key.getPublicSSH()) };
}

/** Parses an unencrypted private key (OpenSSH, PEM or PPK). Throws without echoing the key. */
export function parsePrivateKey(text: string): ParsedKey {
  const key = parseOne(text);
  if (key instanceof Error) {
    if (/passphrase/i.test(key.message)) throw new Error('encrypted private keys are not supported: store the key without a passphrase');
    throw new Error('not a usable private key (OpenSSH, PEM or PuTTY format expected)');
  }
  if (!key.isPrivateKey()) throw new Error('expected a private key, got a public key');
  return key;
}

/**
 * An ed25519 key pair in OpenSSH format. ssh2 1.17's generateKeyPairSync('ed25519') drops a
 * leading zero byte of the key about once in 300 calls, giving a pair nothing can parse (it would
 * brick a gateway's host key for good): generate again until both halves parse and agree.
 */
export function generateEd25519KeyPair(options: { comment?: string } = {}): { private: string; public: string } {
  for (let attempt = 0; attempt < 20; attempt++) {
    const pair = ssh2.utils.generateKeyPairSync('ed25519', options);
    const priv = parseOne(pair.private);
    const pub = parseOne(pair.public);
    if (!(priv instanceof Error) && !(pub instanceof Error) && priv.getPublicSSH().equals(pub.getPublicSSH())) return pair;
  }
  throw new Error('could not generate a valid ed25519 key pair');
}
