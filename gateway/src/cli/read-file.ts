// Files named on the command line: read with a one-line error naming the file.
import { readFileSync } from 'node:fs';
import { Option } from 'commander';
import { CliError } from './cli-io';

export function readFileArg(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** The public key lines of OpenSSH key files (one key per line; blank lines and # comments skipped). */
export function readKeyFiles(files: readonly string[]): string[] {
  return files.flatMap((file) =>
    readFileArg(file, 'key file')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#')),
  );
}

/** `--key FILE`, repeatable: the public keys a user logs in with. */
export function keyFilesOption(): Option {
  return new Option('--key <file>', 'OpenSSH public key file (repeatable; one key per line)').argParser((value: string, previous: string[] = []) => [...previous, value]);
}
