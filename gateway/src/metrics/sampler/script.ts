// The SSH sampler's command: one POSIX sh loop that runs for as long as the exec stays open and
// prints, every `intervalSec`, one frame of the host's /proc (and `df`) text for ./parse.ts. The
// loop itself forks only grep (2), df and sleep per frame; nothing is installed on the host and
// only world-readable files are read. When the gateway closes the exec, the next write fails
// (SIGPIPE) and the loop ends with it.
//
// A frame: `/proc/FILE:LINE` lines (grep's file prefix with several files), then `@df`, the
// `df -P -k` table, and `@end`. The first line is `@pid N`: the loop's process (for the benchmark).

/** Lines of /proc/stat and /proc/meminfo the metrics need (intr and softirq lines can be kilobytes). */
const PICKED = `grep -e "^cpu" -e "^MemTotal:" -e "^MemAvailable:" /proc/stat /proc/meminfo`;
/** Files read whole. */
const WHOLE = `grep "" /proc/uptime /proc/loadavg /proc/diskstats /proc/net/dev /proc/mounts`;

/** The exec's command line: `sh` is named explicitly, so a login shell that is not POSIX (fish) still runs it. */
export function samplerCommand(intervalSec: number): string {
  const seconds = Math.max(1, Math.round(intervalSec));
  // The second frame follows the first after 1 s: a watcher sees CPU and rates at once, not an interval later.
  const loop = `echo "@pid $$"; s=1; while :; do ${PICKED}; ${WHOLE}; echo @df; df -P -k; echo @end; sleep $s; s=${seconds}; done`;
  return `exec sh -c '${loop}' 2>/dev/null`;
}
