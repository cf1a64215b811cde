import { afterEach, describe, expect, it } from 'vitest';
import { FRAME_PAINTED_MARK, markFramePainted, type FrameScheduler, type WritableTerminal } from './frame-painted';

/** A terminal that parses its writes when the test says (xterm parses them later, in order). */
function slowTerminal() {
  const callbacks: Array<() => void> = [];
  const term: WritableTerminal = { write: (_data, callback) => void (callback && callbacks.push(callback)) };
  return { term, parseAll: () => callbacks.splice(0).forEach((c) => c()) };
}

/** A scheduler whose frames and tasks run when the test says, in order, noting what ran. */
function steppedScheduler() {
  const queued: Array<{ kind: 'frame' | 'task'; run: () => void }> = [];
  const scheduler: FrameScheduler = {
    frame: (run) => void queued.push({ kind: 'frame', run }),
    task: (run) => void queued.push({ kind: 'task', run }),
  };
  const step = async (kind: 'frame' | 'task') => {
    await new Promise((r) => setTimeout(r, 0));
    const next = queued.shift();
    expect(next?.kind).toBe(kind);
    next!.run();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { scheduler, step, queued };
}

const marks = () => performance.getEntriesByName(FRAME_PAINTED_MARK) as PerformanceMark[];

describe('the frame-painted mark', () => {
  afterEach(() => performance.clearMarks(FRAME_PAINTED_MARK));

  it('is made only after the seek settled, the terminal parsed its writes, a frame ran and a task after it', async () => {
    const { term, parseAll } = slowTerminal();
    let settle!: () => void;
    const settled = new Promise<void>((r) => (settle = r));
    const { scheduler, step, queued } = steppedScheduler();
    const marked = markFramePainted(term, settled, { to: 12.5, opening: false }, scheduler);
    settle();
    await new Promise((r) => setTimeout(r, 0));
    expect(queued).toHaveLength(0); // the writes are not parsed yet: no frame asked for
    parseAll();
    await step('frame');
    expect(marks()).toHaveLength(0);
    await step('task');
    await marked;
    expect(marks().map((m) => m.detail)).toEqual([{ to: 12.5, opening: false }]);
  });

  it('waits for the seek before asking the terminal anything', async () => {
    const { term, parseAll } = slowTerminal();
    const { scheduler, queued } = steppedScheduler();
    void markFramePainted(term, new Promise(() => {}), { to: 1, opening: true }, scheduler);
    await new Promise((r) => setTimeout(r, 0));
    parseAll();
    expect(queued).toHaveLength(0);
    expect(marks()).toHaveLength(0);
  });
});
