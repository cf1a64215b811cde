// One host's output in a read-only xterm: the lines seen so far, then each new line as it comes
// (stderr in red). A host whose lines were not streamed to this view (a job re-opened from the
// history) shows its whole output from `batch.output` instead.
import { useEffect, useRef } from 'react';
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import type { PortcullisApi } from '../../../shared/contract/window';
import type { BatchWatch, OutputLine } from '../model/batch-watch';

const RED = '\x1b[31m';
const RESET = '\x1b[0m';
const asText = (lines: readonly OutputLine[]) => lines.map((l) => (l.stream === 'stderr' ? `${RED}${l.text}${RESET}` : l.text)).join('\r\n') + '\r\n';

interface Props {
  api: PortcullisApi;
  jobId: string;
  host: string;
  watch: BatchWatch;
  /** The host has finished: with no streamed lines, fetch its whole output. */
  finished: boolean;
}

export function OutputPane({ api, jobId, host, watch, finished }: Props) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const term = new Terminal({ disableStdin: true, convertEol: true, fontSize: 12, scrollback: 5000, cursorStyle: 'underline', cursorInactiveStyle: 'none', theme: { background: '#14161b', foreground: '#d4d7dd' } });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(el.current!);
    const refit = () => {
      try {
        fit.fit();
      } catch {
        // Not laid out yet.
      }
    };
    refit();
    const resize = new ResizeObserver(refit);
    resize.observe(el.current!);
    const seen = watch.output(host);
    if (seen.length) term.write(asText(seen));
    else if (finished) {
      void api.request('batch.output', { job: jobId, host }).then(
        (r) => term.write(r.data.replaceAll(/\r?\n/g, '\r\n')),
        () => {},
      );
    }
    const off = watch.onOutput((h, lines) => {
      if (h === host) term.write(asText(lines));
    });
    return () => {
      off();
      resize.disconnect();
      term.dispose();
    };
    // `finished` is read once: a pane that saw the host run keeps its streamed lines.
  }, [api, jobId, host, watch]);
  return <div className="batch-xterm" ref={el} data-testid="batch-output" data-host={host} />;
}
