// AES-256-GCM for secrets at rest. Each sealed value has its own random 96-bit nonce and the GCM
// tag; the associated data names where the value belongs (e.g. host id + login), so a ciphertext
// copied to another row fails to open instead of handing out the wrong secret.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { MasterKey } from './master-key';

const FORMAT = 1;
const NONCE = 12;
const TAG = 16;
const KEY_ID = 8;

export class SealError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealError';
  }
}

/** Layout: format (1) | key id (8) | nonce (12) | tag (16) | ciphertext. */
export function seal(master: MasterKey, plaintext: Buffer, aad: string): Buffer {
  const nonce = randomBytes(NONCE);
  const cipher = createCipheriv('aes-256-gcm', master.key, nonce);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from([FORMAT]), Buffer.from(master.id, 'hex'), nonce, cipher.getAuthTag(), body]);
}

export function keyIdOf(box: Buffer): string {
  return box.subarray(1, 1 + KEY_ID).toString('hex');
}

export function open(master: MasterKey, box: Buffer, aad: string): Buffer {
  if (box.length < 1 + KEY_ID + NONCE + TAG || box[0] !== FORMAT) throw new SealError('not a sealed value of a known format');
  if (keyIdOf(box) !== master.id) throw new SealError(`sealed with another master key (id ${keyIdOf(box)}, this one is ${master.id})`);
  let at = 1 + KEY_ID;
  const nonce = box.subarray(at, (at += NONCE));
  const tag = box.subarray(at, (at += TAG));
  const decipher = createDecipheriv('aes-256-gcm', master.key, nonce);
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(box.subarray(at)), decipher.final()]);
  } catch {
    throw new SealError('the sealed value does not open here: it was altered or moved from another record');
  }
}
