// Settings for the property-based fuzz tests (fast-check): a fixed seed, so a failure replays, and
// a short run in `npm test`. `npm run fuzz` sets PORTCULLIS_FUZZ_RUNS for a long run; set
// PORTCULLIS_FUZZ_SEED too to explore other inputs. Test code only.
// shared/ is not Node-only: read the environment without Node's types.
const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};
const envNumber = (name: string): number | undefined => {
  const value = Number(env[name]);
  return Number.isSafeInteger(value) && value > 0 ? value : undefined;
};

/** The fast-check parameters for a property: `runs` in `npm test`, PORTCULLIS_FUZZ_RUNS otherwise. */
export function fuzzParams(runs: number): { seed: number; numRuns: number; endOnFailure: true } {
  return { seed: envNumber('PORTCULLIS_FUZZ_SEED') ?? 20_261_205, numRuns: envNumber('PORTCULLIS_FUZZ_RUNS') ?? runs, endOnFailure: true };
}

/** How many times longer than in `npm test` this run is (1 there): for loops that are not properties. */
export function fuzzScale(runs: number): number {
  return Math.max(1, Math.round((envNumber('PORTCULLIS_FUZZ_RUNS') ?? runs) / runs));
}
