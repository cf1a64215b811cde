// Exports as downloads: the recording as asciicast v2 assembled from chunks, and the gateway's
// signed evidence bundle fetched in chunks. Both report progress and stop when cancelled.
import type { PortcullisApi } from '../../../shared/contract/window';
import { BUNDLE_MAX_CHUNK_BYTES, REVIEW_MAX_CHUNK_BYTES } from '../../../shared/contract/gateway-api/review';
import { base64Bytes, castEventLines, castHeaderLine, exportFileName } from './cast-file';
import type { PlayerTarget } from './review-store';

export class Cancelled extends Error {}

export interface ExportRun {
  onProgress(fraction: number): void;
  signal: AbortSignal;
}

function download(parts: BlobPart[], type: string, name: string): void {
  const url = URL.createObjectURL(new Blob(parts, { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const check = (signal: AbortSignal) => {
  if (signal.aborted) throw new Cancelled();
};

export async function exportCast(api: PortcullisApi, target: PlayerTarget, run: ExportRun): Promise<string> {
  const header = await api.request('review.recording.open', { sessionId: target.sessionId });
  const parts: string[] = [castHeaderLine({ ...target, width: header.width, height: header.height })];
  // Cursor 0 is the start of the file: the header line is skipped, every event follows.
  for (let cursor: number | null = 0; cursor !== null; ) {
    check(run.signal);
    const chunk: { events: [number, string, string][]; next: number | null } = await api.request('review.recording.chunk', { sessionId: target.sessionId, cursor, maxBytes: REVIEW_MAX_CHUNK_BYTES });
    parts.push(castEventLines(chunk.events));
    cursor = chunk.events.length === 0 ? null : chunk.next; // a live recording: what there is so far
    run.onProgress(header.size > 0 && cursor !== null ? Math.min(1, cursor / header.size) : 1);
  }
  const name = exportFileName(target, 'cast');
  download(parts, 'application/x-asciicast', name);
  return name;
}

export async function exportBundle(api: PortcullisApi, target: PlayerTarget, run: ExportRun): Promise<{ file: string; fingerprint: string }> {
  const bundle = await api.request('review.bundle.create', { sessionId: target.sessionId });
  const parts: Uint8Array<ArrayBuffer>[] = [];
  for (let offset: number | null = 0; offset !== null; ) {
    check(run.signal);
    const chunk: { data: string; next: number | null } = await api.request('review.bundle.chunk', { bundle: bundle.bundle, offset, maxBytes: BUNDLE_MAX_CHUNK_BYTES });
    parts.push(base64Bytes(chunk.data));
    offset = chunk.next;
    run.onProgress(bundle.size > 0 && offset !== null ? offset / bundle.size : 1);
  }
  const file = exportFileName(target, 'bundle');
  download(parts, 'application/x-ndjson', file);
  return { file, fingerprint: bundle.fingerprint };
}
