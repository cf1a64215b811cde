// Where the player is in a recording, and what its screen shows there. A seek asks the gateway for
// the nearest keyframe at or before t (`from`), draws it on a cleared screen and applies the events
// up to t in one write each between resizes (no frame drawn per event); the events after t wait in
// `pending`, and more are fetched with the chunk cursor as playback reaches them — never the whole
// recording. Pure of the DOM: the player gives it an xterm, the tests a headless one.
import { applyOps, firstAfter, keyframeOps, opsOf, type CastEvent, type ScreenLike } from './screen-ops';

export interface Chunk {
  keyframe: { t: number; cols: number; rows: number; snapshot: string } | null;
  events: CastEvent[];
  next: number | null;
}

/** `review.recording.chunk` for one recording: a seek (`from`) or the chunk after a cursor. */
export type ChunkSource = (ask: { from: number } | { cursor: number }) => Promise<Chunk>;

/** Keystrokes kept for the input pane (the latest, in characters). */
export const INPUT_KEPT = 2000;

export class Playhead {
  /** Events after the position, fetched and not yet shown. */
  private pending: CastEvent[] = [];
  private cursor: number | null = null;
  private generation = 0;
  /** Recording time the screen shows. */
  pos = 0;
  /** Time of the last event shown. */
  lastEventT = 0;
  /** What the user typed up to the position (since the keyframe the last seek started from). */
  typed = '';

  constructor(
    private readonly fetchChunk: ChunkSource,
    private readonly screen: ScreenLike,
  ) {}

  /** The next event's time, if it is fetched. */
  get nextEventT(): number | undefined {
    return this.pending[0]?.[0];
  }

  /** Nothing more to show: no pending events and the gateway said the recording ends. */
  get atEnd(): boolean {
    return this.pending.length === 0 && this.cursor === null;
  }

  /** Shows the screen at `t`. A later seek makes an earlier one stop where it is. */
  async seek(t: number): Promise<void> {
    const generation = ++this.generation;
    const chunk = await this.fetchChunk({ from: t });
    if (generation !== this.generation) return;
    const keyframe = chunk.keyframe ?? { t: 0, cols: 80, rows: 24, snapshot: '' };
    await applyOps(this.screen, keyframeOps({ keyframe }), true);
    if (generation !== this.generation) return;
    this.typed = '';
    this.pending = chunk.events;
    this.cursor = chunk.next;
    this.pos = keyframe.t;
    this.lastEventT = keyframe.t;
    await this.showUpTo(t, generation);
  }

  /** Plays on to `t` (≥ the position), fetching the chunks it needs. */
  playTo(t: number): Promise<void> {
    return this.showUpTo(t, this.generation);
  }

  private async showUpTo(t: number, generation: number): Promise<void> {
    for (;;) {
      const cut = firstAfter(this.pending, t);
      if (cut > 0) {
        const shown = this.pending.slice(0, cut);
        this.pending = this.pending.slice(cut);
        this.noteInput(shown);
        this.lastEventT = shown[shown.length - 1]![0];
        await applyOps(this.screen, opsOf(shown));
        if (generation !== this.generation) return;
      }
      if (this.pending.length > 0 || this.cursor === null) break;
      const chunk = await this.fetchChunk({ cursor: this.cursor });
      if (generation !== this.generation) return;
      this.pending = chunk.events;
      this.cursor = chunk.next;
      if (chunk.events.length === 0) break; // a live recording with nothing new yet
    }
    this.pos = Math.max(this.pos, t);
  }

  private noteInput(events: readonly CastEvent[]): void {
    let typed = this.typed;
    for (const [, type, data] of events) if (type === 'i') typed += data;
    this.typed = typed.length > INPUT_KEPT ? typed.slice(-INPUT_KEPT) : typed;
  }
}
