// Which terminals may use the WebGL renderer. Chromium keeps about 16 WebGL contexts and silently
// evicts the oldest (blank panes elsewhere); we stay well below with a cap, and the rest use the DOM
// renderer. Pure bookkeeping: the session asks, and gives back on dispose or context loss.
export class WebglPool {
  private readonly holders = new Set<string>();
  /** Terminals whose context was lost: they stay on the DOM renderer for good. */
  private readonly lost = new Set<string>();

  constructor(readonly cap = 8) {}

  /** True if `id` may create a WebGL context now (and then holds one of the slots). */
  acquire(id: string): boolean {
    if (this.holders.has(id)) return true;
    if (this.lost.has(id) || this.holders.size >= this.cap) return false;
    this.holders.add(id);
    return true;
  }

  release(id: string): void {
    this.holders.delete(id);
  }

  /** The context of `id` was lost: free its slot and never try WebGL for it again. */
  contextLost(id: string): void {
    this.holders.delete(id);
    this.lost.add(id);
  }

  forget(id: string): void {
    this.holders.delete(id);
    this.lost.delete(id);
  }

  get live(): number {
    return this.holders.size;
  }
}
