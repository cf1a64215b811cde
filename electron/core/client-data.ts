// Where the client keeps its state when no Electron userData is given: `--client-data DIR`.
/** `--client-data DIR` or `--client-data=DIR` from a command line; null when absent. */
export function clientDataArgument(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--client-data') return argv[i + 1] ?? null;
    if (arg.startsWith('--client-data=')) return arg.slice('--client-data='.length) || null;
  }
  return null;
}
