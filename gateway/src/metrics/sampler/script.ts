// The SSH sampler's command: one POSIX sh loop that runs for as long as the exec stays open and
// prints, every `intervalSec`, one frame of the host's /proc (and `df`) text for ./parse.ts. The
// loop forks only one grep and sleep per frame, and df (with /proc/mounts) every DF_EVERY frames:
// disk use moves slowly, and each fork costs the host CPU (more than the bytes it saves). Nothing is installed on the host and
// only world-readable files are read. When the gateway closes the exec, the next write fails
// (SIGPIPE) and the loop ends with it.
//
// A frame: `/proc/FILE:LINE` lines (grep's file prefix with several files), then (every DF_EVERY
// frames, the first included) `@df` and the `df -P -k` table, and `@end`. The first line is
// `@pid N`: the loop's process (for the benchmark).

/** df runs on one frame in this many. */
export const DF_EVERY = 6;

/** The files, whole but for /proc/stat's intr and softirq lines (kilobytes on a big host, not needed). */
const FILES = `grep -v -e "^intr " -e "^softirq " /proc/stat /proc/meminfo /proc/uptime /proc/loadavg /proc/diskstats /proc/net/dev`;

/** The exec's command line: `sh` is named explicitly, so a login shell that is not POSIX (fish) still runs it. */
export function samplerCommand(intervalSec: number): string {
  const seconds = Math.max(1, Math.round(intervalSec));
  // The second frame follows the first after 1 s: a watcher sees CPU and rates at once, not an interval later.
  const frame = `if [ $((n % ${DF_EVERY})) -eq 0 ]; then ${FILES} /proc/mounts; echo @df; df -P -k; else ${FILES}; fi; echo @end`;
  const loop = `echo "@pid $$"; s=1; n=0; while :; do ${frame}; n=$((n + 1)); sleep $s; s=${seconds}; done`;
  return `exec sh -c '${loop}' 2>/dev/null`;
}
