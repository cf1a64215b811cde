import { describe, expect, it } from 'vitest';
import { shellWords } from './shell-words';
import { scpTransferIn } from './transfer';

describe('shellWords', () => {
  it('splits simple commands and words with the quoting sh uses', () => {
    expect(shellWords(`a 'b c' "d \\"e\\" \\n" f\\ g`)).toEqual([['a', 'b c', 'd "e" \\n', 'f g']]);
    expect(shellWords('cd /tmp && scp -t x; echo "a;b" | wc\n(ls)')).toEqual([['cd', '/tmp'], ['scp', '-t', 'x'], ['echo', 'a;b'], ['wc'], ['ls']]);
    expect(shellWords(`x "" ''`)).toEqual([['x', '', '']]);
    expect(shellWords("  \t")).toEqual([]);
    expect(shellWords("echo 'open")).toEqual([['echo', 'open']]);
  });
});

describe('scpTransferIn', () => {
  it("finds legacy scp's server mode as OpenSSH's scp -O sends it", () => {
    expect(scpTransferIn('scp -t /tmp/x')).toEqual({ protocol: 'scp', direction: 'upload' });
    expect(scpTransferIn('scp -f /tmp/x')).toEqual({ protocol: 'scp', direction: 'download' });
    expect(scpTransferIn('scp -v -r -p -d -t -- -odd-name')).toEqual({ protocol: 'scp', direction: 'upload' });
    expect(scpTransferIn("scp -f '/tmp/a file'")).toEqual({ protocol: 'scp', direction: 'download' });
  });

  it('with a path, combined flags, assignments, exec and other commands around it', () => {
    expect(scpTransferIn('/usr/bin/scp -t .')?.direction).toBe('upload');
    expect(scpTransferIn('scp -pt .')?.direction).toBe('upload');
    expect(scpTransferIn('scp -rf dir')?.direction).toBe('download');
    expect(scpTransferIn('LC_ALL=C exec scp -t .')?.direction).toBe('upload');
    expect(scpTransferIn('cd /tmp && "scp" -f x')?.direction).toBe('download');
    expect(scpTransferIn('true; s\\cp -t x')?.direction).toBe('upload');
    expect(scpTransferIn('{ scp -t x; }')?.direction).toBe('upload');
  });

  it('not a transfer: scp merely mentioned, an option value, a client-side scp, or no -t/-f', () => {
    expect(scpTransferIn('echo scp -t x')).toBeUndefined();
    expect(scpTransferIn("grep 'scp -t' log")).toBeUndefined();
    expect(scpTransferIn('echo "scp -f x; y"')).toBeUndefined();
    expect(scpTransferIn('scp -o ft=1 -i tkey a b:c')).toBeUndefined(); // -t/-f only inside option values
    expect(scpTransferIn('scp -ift a b:c')).toBeUndefined(); // "ft" is -i's value
    expect(scpTransferIn('scp a b:c')).toBeUndefined();
    expect(scpTransferIn('scp -- -t x')).toBeUndefined(); // after --, -t is a file name
    expect(scpTransferIn('scpx -t x')).toBeUndefined();
    expect(scpTransferIn('')).toBeUndefined();
  });
});
