// One terminal tab: an xterm.js Terminal wired to a terminal on the main side.
//
// The session, not React, owns the Terminal: it lives as long as the tab, whatever React
// mounts and unmounts. Lifecycle: attach() to a visible container → fit → terminal.open with the
// fitted size → events routed here by terminal id. Output is written with a callback and
// acknowledged (batched) only once xterm has processed it — the renderer's half of flow control.
import type { RefusalReason } from '../../../shared/contract/refusal';
import '@xterm/xterm/css/xterm.css';
import { Terminal, type ITerminalOptions } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon, type ISearchOptions } from '@xterm/addon-search';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { WebglAddon } from '@xterm/addon-webgl';
import type { TerminalStatus } from '../../../shared/contract/client-api';
import type { PortcullisApi } from '../../../shared/contract/window';
import type { KeyLike } from '../model/actions';
import { zoomedFontSize } from '../model/font-zoom';
import { scrollbackText } from '../model/scrollback-file';
import type { WebglPool } from '../model/webgl-pool';
import { AckBatcher } from './ack-batcher';
import { writeClipboard } from './clipboard';
import type { TerminalData, TerminalEventRouter } from './event-router';
import { splitInput } from './input';
import { watchUserInput } from './user-input';
import { nextFrame } from './schedule';
import { describePaneState, isRefusal, newSessionLine, openFailedLine, statusLine, type TerminalEnd } from './status-line';
import { appLocale } from '../model/locale';

export type TabStatus = TerminalStatus['status'];

/** What the user typed (keys, special keys) or pasted in a terminal: what broadcast typing passes on. */
export type UserInput = { kind: 'keys'; data: string } | { kind: 'paste'; text: string };

export interface TerminalSnapshot {
  terminalId: string;
  title: string;
  cols: number;
  rows: number;
  text: string;
  renderer: 'webgl' | 'dom';
  /** The pane (layout leaf) this terminal shows in. */
  paneId: string;
  /** The size it draws with: the settings' size and the zoom. */
  fontSize: number;
}

interface SessionDeps {
  api: PortcullisApi;
  router: TerminalEventRouter;
  /** Called whenever status, message or terminal id change. */
  onChange: () => void;
  /** Font, size, scrollback and colours (from the settings). */
  options: ITerminalOptions;
  /** Who may use WebGL (a cap on live contexts). */
  webgl: WebglPool;
  /** A link was clicked: the app asks the user before anything opens. */
  onLink: (uri: string) => void;
  /** The terminal took keyboard focus. */
  onFocus: () => void;
  /** The key is the app's (Ctrl+Shift+W, Alt+arrows…), not the terminal's. */
  isAppShortcut: (event: KeyLike) => boolean;
  /** The user selected text (with the mouse, or Select all): the app's primary selection, and copy on select. */
  onUserSelection: (text: string) => void;
  /** What a middle click pastes (Linux): the last selection made in any terminal of the app. */
  primarySelection: () => string;
  /** The user typed or pasted here (after it was sent to this session): broadcast typing passes it on. */
  onUserInput: (input: UserInput) => void;
}

/** Middle-click paste is what Linux users expect; elsewhere the middle button scrolls or does nothing. */
const MIDDLE_CLICK_PASTES = typeof navigator !== 'undefined' && /Linux/.test(navigator.userAgent) && !/Android/.test(navigator.userAgent);

let nextSerial = 1;

/** Input typed before the main side named the terminal waits, up to this many characters. */
const MAX_EARLY_INPUT = 64 * 1024;

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, Math.floor(value)));
const clampCols = (cols: number) => clamp(cols, 2, 1000);
const clampRows = (rows: number) => clamp(rows, 1, 500);

export class TerminalSession {
  readonly title: string;
  terminalId: string | null = null;
  status: TabStatus = 'connecting';
  /** Why the session ended or could not start, for a person to read. */
  message: string | undefined;
  /** The gateway refused this session: the pane shows it as an error. */
  refused = false;
  /** Why the gateway refused it (not_permitted: the pane offers to request access). */
  refusal: RefusalReason | undefined;

  private readonly term: Terminal;
  private readonly fitAddon = new FitAddon();
  readonly search = new SearchAddon();
  private webglAddon: WebglAddon | null = null;
  /** Unique per session (a pane re-opened gets a new session), for the WebGL pool. */
  private readonly serial = `s${nextSerial++}`;
  private readonly element: HTMLDivElement;
  private batcher: AckBatcher | null = null;
  private opened = false;
  private started = false;
  private disposed = false;
  private earlyInput = '';
  private sentSize = { cols: 0, rows: 0 };
  private fitFrame = 0;
  private warnedInput = false;
  /** The text being pasted by paste() (xterm emits it as one data event, in bracketed-paste markers if asked). */
  private pasting: string | null = null;
  /** Input that came from another pane's broadcast: sent here, never passed on again. */
  private relaying = false;
  /** Where the pointer last moved over this terminal (client coordinates). */
  private lastPointer: { x: number; y: number } | null = null;
  /** The settings' font size, before zoom. */
  private baseFontSize: number;
  /** Font zoom, in points from the settings' size (model/font-zoom). */
  zoom = 0;

  constructor(
    readonly key: string,
    readonly host: string,
    readonly login: string,
    private readonly deps: SessionDeps,
  ) {
    this.title = `${login}@${host}`;
    this.baseFontSize = deps.options.fontSize ?? 13;
    this.term = new Terminal({ ...deps.options, allowProposedApi: true });
    this.term.loadAddon(this.fitAddon);
    this.term.loadAddon(this.search);
    this.term.loadAddon(new Unicode11Addon());
    this.term.unicode.activeVersion = '11';
    this.term.loadAddon(new WebLinksAddon((_event, uri) => deps.onLink(uri)));
    this.element = document.createElement('div');
    this.element.className = 'xterm-host';
    this.element.addEventListener('focusin', () => deps.onFocus());
    this.element.addEventListener('mousemove', (event) => (this.lastPointer = { x: event.clientX, y: event.clientY }), { passive: true });
    // Application shortcuts (Ctrl+Shift+W, Alt+arrows…) are not typed into the terminal.
    this.term.attachCustomKeyEventHandler((event) => !deps.isAppShortcut(event));
    this.watchPointerSelection();
    if (MIDDLE_CLICK_PASTES) this.pasteOnMiddleClick();
    const userInputKnown = watchUserInput(this.term, (data, byUser) => this.typed(data, byUser));
    if (!userInputKnown) console.warn('portcullis: this xterm does not say which input is the user’s: broadcast typing is off');
    this.term.onResize(() => this.sendResize());
  }

  /** Shows the terminal in `container`; the first time, also opens the terminal on the main side. */
  attach(container: HTMLElement): void {
    if (this.disposed) return;
    container.appendChild(this.element);
    if (!this.opened) {
      this.term.open(this.element);
      this.opened = true;
      this.useWebgl();
    }
    this.fit();
    if (!this.started) {
      this.started = true;
      this.start();
    }
  }

  detach(): void {
    this.element.remove();
  }

  /**
   * Tells xterm again where the pointer is. It finds the link under the pointer on mousemove, and
   * only when the pointer reached another cell; so once a dialog over the terminal closed (the
   * pointer "left" the terminal for it, which drops the link), clicking the same link again did
   * nothing until the pointer moved. A move to the far corner, then back, makes it look again.
   */
  repeatPointer(): void {
    const at = this.lastPointer;
    if (!at || this.disposed) return;
    const under = document.elementFromPoint(at.x, at.y);
    if (!under || !this.element.contains(under)) return;
    const box = under.getBoundingClientRect();
    const far = {
      x: at.x - box.left < box.width / 2 ? box.right - 2 : box.left + 2,
      y: at.y - box.top < box.height / 2 ? box.bottom - 2 : box.top + 2,
    };
    for (const { x, y } of [far, at]) under.dispatchEvent(new MouseEvent('mousemove', { clientX: x, clientY: y, bubbles: true }));
  }

  /** Fits the terminal to its container (on the next frame); the size is sent if it changed. */
  scheduleFit(): void {
    if (this.fitFrame || this.disposed) return;
    this.fitFrame = requestAnimationFrame(() => {
      this.fitFrame = 0;
      this.fit();
    });
  }

  focus(): void {
    if (!this.disposed) this.term.focus();
  }

  /** Font, size, scrollback or theme changed in the settings. */
  setOptions(options: ITerminalOptions): void {
    if (this.disposed) return;
    this.baseFontSize = options.fontSize ?? this.baseFontSize;
    Object.assign(this.term.options, { ...options, fontSize: zoomedFontSize(this.baseFontSize, this.zoom) });
    this.scheduleFit();
  }

  /** The font size before zoom (the settings'), for the next zoom step. */
  get settingsFontSize(): number {
    return this.baseFontSize;
  }

  /** Zooms to `offset` points from the settings' size; the terminal refits (fewer or more cells). */
  setZoom(offset: number): void {
    if (this.disposed) return;
    this.zoom = offset;
    this.term.options.fontSize = zoomedFontSize(this.baseFontSize, offset);
    this.scheduleFit();
  }

  /** A new search: the old one's highlights and selected match go, and it starts from the newest line. */
  findFromNewest(query: string, options: ISearchOptions): void {
    if (this.disposed) return;
    this.search.clearDecorations();
    this.term.clearSelection();
    if (query) this.search.findPrevious(query, options);
  }

  selectAll(): void {
    if (this.disposed) return;
    this.term.selectAll();
    this.deps.onUserSelection(this.term.getSelection());
  }

  /** Clears the screen and the scrollback, keeping the line the cursor is on (the prompt). */
  clear(): void {
    if (!this.disposed) this.term.clear();
  }

  /**
   * The scrollback as text, for a file: the normal buffer (a full-screen program's alternate screen
   * has no scrollback), soft-wrapped rows joined back into their lines.
   */
  scrollbackText(): string {
    const buffer = this.term.buffer.normal;
    const lines = [];
    for (let i = 0; i < buffer.length; i++) {
      const line = buffer.getLine(i);
      if (line) lines.push({ text: line.translateToString(true), wrapped: line.isWrapped });
    }
    return scrollbackText(lines);
  }

  /** Copies the selection; false when nothing is selected. */
  copySelection(): boolean {
    const text = this.term.getSelection();
    if (!text) return false;
    writeClipboard(text);
    return true;
  }

  /** Pastes as the user would: xterm wraps it in bracketed-paste markers when the app asked for them. */
  paste(text: string): void {
    if (this.disposed) return;
    this.pasting = text;
    try {
      this.term.paste(text);
    } finally {
      this.pasting = null;
    }
  }

  /**
   * Input another pane broadcast: sent to this session as if typed here (its recording and command
   * log at the gateway take it as usual). A paste is pasted again here, so it gets this terminal's
   * own bracketed-paste markers.
   */
  receiveBroadcast(input: UserInput): void {
    if (this.disposed) return;
    if (input.kind === 'keys') return this.sendInput(input.data);
    this.relaying = true;
    try {
      this.term.paste(input.text);
    } finally {
      this.relaying = false;
    }
  }

  get renderer(): 'webgl' | 'dom' {
    return this.webglAddon ? 'webgl' : 'dom';
  }

  /**
   * WebGL when a slot is free, else the DOM renderer. On context loss the addon goes and the
   * terminal redraws with the DOM renderer, so the pane never stays blank.
   */
  private useWebgl(): void {
    const pool = this.deps.webgl;
    if (!pool.acquire(this.serial)) return;
    try {
      const addon = new WebglAddon();
      addon.onContextLoss(() => {
        pool.contextLost(this.serial);
        this.dropWebgl();
      });
      this.term.loadAddon(addon);
      this.webglAddon = addon;
    } catch {
      pool.contextLost(this.serial); // no WebGL here at all
    }
  }

  private dropWebgl(): void {
    const addon = this.webglAddon;
    this.webglAddon = null;
    addon?.dispose();
    if (!this.disposed) this.term.refresh(0, this.term.rows - 1);
    this.deps.onChange();
  }

  /** Ends the tab: closes the terminal on the main side (if still open) and frees everything. */
  close(): void {
    if (this.disposed) return;
    this.disposed = true;
    cancelAnimationFrame(this.fitFrame);
    this.batcher?.dispose();
    this.webglAddon = null;
    this.deps.webgl.forget(this.serial);
    if (this.terminalId) {
      this.deps.router.unregister(this.terminalId);
      if (this.status === 'connecting' || this.status === 'live') this.closeOnMainSide(this.terminalId);
    }
    this.term.dispose();
    this.element.remove();
  }

  /**
   * Opens a new session on the main side in this same terminal, after the last one ended: the
   * scrollback stays, and a divider line says when the new session began.
   */
  restart(): void {
    if (this.disposed || this.status === 'connecting' || this.status === 'live') return;
    if (this.terminalId) this.deps.router.unregister(this.terminalId);
    this.terminalId = null;
    this.batcher?.dispose();
    this.batcher = null;
    this.status = 'connecting';
    this.message = undefined;
    this.refused = false;
    this.refusal = undefined;
    this.warnedInput = false;
    const { active, normal } = this.term.buffer;
    this.term.write(newSessionLine(Date.now(), { inAlternateScreen: active.type === 'alternate', atLineStart: normal.cursorX === 0 }, appLocale()));
    if (this.started) this.start(); // else attach() starts it
    this.deps.onChange();
  }

  /** The way to the target is gone (the gateway connection, or the main side itself): the session ends as lost. */
  lose(end: TerminalEnd & { status: 'lost' }): void {
    if (this.terminalId) this.receiveStatus(end);
  }

  /** What the test hook reports: every line of the active buffer, scrollback included. */
  snapshot(): TerminalSnapshot {
    const buffer = this.term.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < buffer.length; i++) lines.push(buffer.getLine(i)?.translateToString(true) ?? '');
    return {
      terminalId: this.terminalId ?? '',
      title: this.title,
      cols: this.term.cols,
      rows: this.term.rows,
      text: lines.join('\n'),
      renderer: this.renderer,
      paneId: this.key,
      fontSize: this.term.options.fontSize ?? this.baseFontSize,
    };
  }

  /**
   * The line the cursor is on, up to the cursor (for the flood benchmark, which polls it every few
   * ms: reading the whole buffer as snapshot() does would itself slow the renderer down).
   */
  cursorLine(): string {
    const buffer = this.term.buffer.active;
    return buffer.getLine(buffer.baseY + buffer.cursorY)?.translateToString(false, 0, buffer.cursorX) ?? '';
  }

  /**
   * A selection the user made with the mouse (drag, double or triple click) is reported once the
   * button is released; the find bar's selections of matches are not the user's and are not.
   */
  private watchPointerSelection(): void {
    this.element.addEventListener('mousedown', (event) => {
      if (event.button !== 0) return;
      const released = () => {
        window.removeEventListener('mouseup', released, true);
        // After xterm's own mouseup handler has finished the selection.
        setTimeout(() => {
          if (!this.disposed && this.term.hasSelection()) this.deps.onUserSelection(this.term.getSelection());
        });
      };
      window.addEventListener('mouseup', released, true);
    });
  }

  /**
   * Middle click pastes the app's last selection (X11's primary selection, kept by the app: a
   * browser has none). A program that asked for the mouse (vim, tmux with mouse on) gets the click
   * instead, unless Shift is held, as xterm does for selections.
   */
  private pasteOnMiddleClick(): void {
    const ours = (event: MouseEvent) => event.button === 1 && (this.term.modes.mouseTrackingMode === 'none' || event.shiftKey);
    // Chromium pastes the OS selection into xterm's textarea on the release unless it is cancelled.
    this.element.addEventListener('mousedown', (event) => ours(event) && event.preventDefault());
    this.element.addEventListener('mouseup', (event) => {
      if (!ours(event)) return;
      event.preventDefault();
      const text = this.deps.primarySelection();
      if (text) this.paste(text);
      this.focus();
    });
  }

  private fit(): void {
    if (this.disposed || !this.opened) return;
    // Hidden (inactive tab) or not laid out yet: keep the last size.
    if (this.element.clientWidth === 0 || this.element.clientHeight === 0) return;
    const dims = this.fitAddon.proposeDimensions();
    if (!dims || !Number.isFinite(dims.cols) || !Number.isFinite(dims.rows)) return;
    const cols = clampCols(dims.cols);
    const rows = clampRows(dims.rows);
    if (cols !== this.term.cols || rows !== this.term.rows) this.term.resize(cols, rows);
  }

  private start(): void {
    const { api, router } = this.deps;
    const cols = clampCols(this.term.cols);
    const rows = clampRows(this.term.rows);
    this.sentSize = { cols, rows };
    const endOpen = router.beginOpen();
    api
      .request('terminal.open', { host: this.host, login: this.login, cols, rows })
      .then(({ terminalId }) => {
        if (this.disposed) return this.closeOnMainSide(terminalId);
        this.terminalId = terminalId;
        this.batcher = new AckBatcher({
          send: (bytes) => void api.request('terminal.ack', { terminalId, bytes }).catch(() => {}),
          schedule: nextFrame,
        });
        router.register(terminalId, { data: (p) => this.receive(p), status: (p) => this.receiveStatus(p) });
        this.sendResize();
        const early = this.earlyInput;
        this.earlyInput = '';
        if (early) this.sendInput(early);
        this.deps.onChange();
      })
      .catch((error: unknown) => {
        if (this.disposed) return;
        this.status = 'lost';
        this.message = error instanceof Error ? error.message : String(error);
        this.term.write(openFailedLine(this.message, appLocale()));
        this.deps.onChange();
      })
      .finally(endOpen);
  }

  private receive({ data, bytes }: TerminalData): void {
    if (this.disposed) return;
    const batcher = this.batcher;
    this.term.write(data, () => batcher?.drawn(bytes));
  }

  private receiveStatus(status: TerminalEnd): void {
    if (this.disposed || this.status === 'closed' || this.status === 'lost') return;
    this.status = status.status;
    if (status.status === 'closed' || status.status === 'lost') {
      this.message = describePaneState(status, appLocale()) ?? undefined;
      this.refused = isRefusal(status);
      this.refusal = 'refusal' in status ? status.refusal : undefined;
      // Acks for what is still being drawn no longer matter: the terminal is gone on the main side.
      this.batcher?.dispose();
      // After everything already written: break the line only if the cursor is not at its start.
      this.term.write('', () => {
        if (this.disposed) return;
        const line = statusLine(status, this.term.buffer.active.cursorX === 0, appLocale());
        // The session is over: no cursor blinking as if it still took input.
        if (line) this.term.write(`${line}\x1b[?25l`);
      });
    }
    this.deps.onChange();
  }

  private typed(data: string, byUser: boolean): void {
    this.sendInput(data);
    // Only what the user typed goes to other panes: xterm's answers to this program stay here.
    if (!byUser || this.relaying) return;
    this.deps.onUserInput(this.pasting === null ? { kind: 'keys', data } : { kind: 'paste', text: this.pasting });
  }

  private sendInput(data: string): void {
    if (this.disposed || this.status === 'closed' || this.status === 'lost') return;
    const terminalId = this.terminalId;
    if (!terminalId) {
      if (this.earlyInput.length + data.length <= MAX_EARLY_INPUT) this.earlyInput += data;
      return;
    }
    for (const chunk of splitInput(data)) {
      this.deps.api.request('terminal.input', { terminalId, data: chunk }).catch((error: unknown) => {
        if (this.warnedInput) return;
        this.warnedInput = true;
        console.warn(`portcullis: input to ${this.title} failed:`, error);
      });
    }
  }

  private sendResize(): void {
    const terminalId = this.terminalId;
    if (!terminalId || this.disposed || (this.status !== 'connecting' && this.status !== 'live')) return;
    const cols = clampCols(this.term.cols);
    const rows = clampRows(this.term.rows);
    if (cols === this.sentSize.cols && rows === this.sentSize.rows) return;
    this.sentSize = { cols, rows };
    this.deps.api.request('terminal.resize', { terminalId, cols, rows }).catch(() => {});
  }

  private closeOnMainSide(terminalId: string): void {
    this.deps.api.request('terminal.close', { terminalId }).catch(() => {});
  }
}
