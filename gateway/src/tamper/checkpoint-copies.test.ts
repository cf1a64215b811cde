// Checkpoint copies from gateway.yaml: every checkpoint also goes to the configured files and to a
// program's stdin (argv, no shell), and a failing program is logged without stopping the gateway.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startGateway } from '../index';
import { CHECKPOINT_FILE } from '../audit/checkpoints';
import { resolveConfig } from '../config/load';
import { gatewayOptionsFrom } from '../config/options';
import { waitFor } from '../testing';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A data dir with `yaml` as its gateway.yaml, and a logger whose lines the test can read. */
function setUp(yaml: string) {
  const dir = mkdtempSync(join(tmpdir(), 'gw-cp-copies-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'gateway.yaml'), yaml.replaceAll('DIR', dir));
  const lines: string[] = [];
  const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
  const config = resolveConfig({ data: dir, listen: '127.0.0.1:0' }, {});
  return { dir, lines, options: gatewayOptionsFrom(config, pino({ level: 'info' }, sink)) };
}

const jsonLines = (file: string) => readFileSync(file, 'utf8').trim().split('\n');

describe('audit.checkpointCopies and audit.checkpointCommand', () => {
  it('copy each checkpoint to the files and to the program, identical to the data directory\'s', async () => {
    const { dir, options } = setUp('audit:\n  checkpointCopies: [DIR/copy.jsonl]\n  checkpointCommand: [tee, -a, DIR/piped.jsonl]\n');
    const gw = await startGateway(options);
    await gw.close();
    const local = jsonLines(join(dir, CHECKPOINT_FILE));
    expect(local).toHaveLength(2); // at start and at stop
    expect(JSON.parse(local[0]!)).toMatchObject({ seq: expect.any(Number), head: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(jsonLines(join(dir, 'copy.jsonl'))).toEqual(local);
    expect(await waitFor(() => readFileSync(join(dir, 'piped.jsonl'), { flag: 'a+', encoding: 'utf8' }).trim().split('\n').length === 2, 5000)).toBe(true);
    expect(jsonLines(join(dir, 'piped.jsonl'))).toEqual(local);
  });

  it('log a program that fails, and go on serving with the local checkpoints', async () => {
    const { dir, lines, options } = setUp('audit:\n  checkpointCommand: [sh, -c, "echo no route to log host >&2; exit 3"]\n');
    const gw = await startGateway(options);
    expect(await waitFor(() => lines.some((l) => l.includes('checkpoint command failed')), 5000)).toBe(true);
    const failure = JSON.parse(lines.find((l) => l.includes('checkpoint command failed'))!);
    expect(failure).toMatchObject({ level: 50, command: 'sh', err: 'exit 3: no route to log host' });
    expect(gw.liveSessions()).toBe(0);
    await gw.close();
    expect(jsonLines(join(dir, CHECKPOINT_FILE))).toHaveLength(2);
  });

  it('refuse a checkpoint interval or command the schema cannot take, naming the key', () => {
    expect(() => setUp('audit:\n  checkpointMinutes: 0\n')).toThrow(/audit\.checkpointMinutes/);
    expect(() => setUp('audit:\n  checkpointCommand: []\n')).toThrow(/audit\.checkpointCommand/);
  });
});
