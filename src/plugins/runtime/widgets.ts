// Plugin widgets for the terminal UI: each widget's frames are fetched from its host once
// and animated here on a cheap timer (3 fps); engine events (a tool failed, a wait over
// 20 s, a finished turn) ask the widget for a reaction, shown for a few seconds. Nothing
// here blocks: the UI gets lines through onChange whenever they change.
import { HOST_METHODS, type WidgetEvent } from "../contracts.ts";
import type { PluginRuntime } from "./runtime.ts";
import type { PluginWidget } from "./types.ts";

export interface WidgetLines {
  /** Lines for the companion slot beside the prompt (frame, then a reaction bubble). */
  companion: string[];
  /** Text appended to the status line. */
  status: string;
}

export interface WidgetOptions {
  onChange(lines: WidgetLines): void;
  fps?: number;
  reactionMs?: number;
  longWaitMs?: number;
  notify?: (line: string) => void;
}

/** The few engine events a widget hears about; structural, so plugins/ need not know the engine. */
export interface EngineEventLike {
  type: string;
  isError?: boolean;
  name?: string;
  kind?: string;
}

interface Live {
  w: PluginWidget;
  frames: string[][];
  reaction?: { text: string; until: number; weight: number; at: number };
}

/** How much a reaction matters: a failure outranks the routine remarks that may follow it within HOLD_MS. */
const WEIGHT: Partial<Record<WidgetEvent["kind"], number>> = { tool_failed: 2, error: 2, long_wait: 1, turn_done: 1 };
const HOLD_MS = 3_000;

export class WidgetClient {
  readonly #runtime: PluginRuntime;
  readonly #o: WidgetOptions;
  readonly #live: Live[];
  #tick = 0;
  #timer: ReturnType<typeof setInterval> | undefined;
  #waitTimer: ReturnType<typeof setTimeout> | undefined;
  /** Remarks held back while a weightier one is fresh, said once it has had its moment. */
  readonly #deferred = new Set<ReturnType<typeof setTimeout>>();
  #last = "";

  constructor(runtime: PluginRuntime, o: WidgetOptions) {
    this.#runtime = runtime;
    this.#o = o;
    this.#live = runtime.contributions().widgets.map((w) => ({ w, frames: [] }));
  }

  get count(): number {
    return this.#live.length;
  }

  /** Fetches every widget's frames in the background and starts the animation. */
  start(): void {
    if (!this.#live.length || this.#timer) return;
    for (const l of this.#live) {
      this.#runtime
        .host(l.w.plugin)
        .request(HOST_METHODS.widgetFrames, { id: l.w.id }, { timeoutMs: 15_000 })
        .then((frames) => {
          l.frames = frames as string[][];
          this.#emit();
        })
        .catch((e: Error) => this.#o.notify?.(`plugin ${l.w.plugin}: widget ${l.w.id} is not shown: ${e.message}`));
    }
    this.#timer = setInterval(() => {
      this.#tick++;
      this.#emit();
    }, 1000 / (this.#o.fps ?? 3));
    this.#timer.unref?.();
  }

  /** Asks each widget for a reaction to `event`; the answer shows for reactionMs, unless a weightier one is still fresh. */
  react(event: WidgetEvent): void {
    for (const l of this.#live) {
      this.#runtime
        .host(l.w.plugin)
        .request(HOST_METHODS.widgetReact, { id: l.w.id, event }, { timeoutMs: 5_000 })
        .then((text) => {
          if (typeof text !== "string" || !text.trim()) return;
          this.#say(l, text.trim(), WEIGHT[event.kind] ?? 0);
        })
        .catch(() => undefined);
    }
  }

  /** Maps an engine event to a widget event: tool failures, long waits, finished turns. */
  engineEvent(ev: EngineEventLike): void {
    if (!this.#live.length) return;
    // Waiting: on the model before its first word, or on a running tool.
    if (ev.type === "turn_start" || ev.type === "tool_start") {
      clearTimeout(this.#waitTimer);
      this.#waitTimer = setTimeout(() => this.react({ kind: "long_wait" }), this.#o.longWaitMs ?? 20_000);
      this.#waitTimer.unref?.();
    }
    if (ev.type === "text_delta" || ev.type === "tool_result" || ev.type === "session_end") clearTimeout(this.#waitTimer);
    if (ev.type === "tool_result" && ev.isError) this.react({ kind: "tool_failed", ...(ev.name ? { detail: ev.name } : {}) });
    if (ev.type === "session_end") this.react({ kind: "turn_done" });
    if (ev.type === "error" && ev.kind !== "aborted") this.react({ kind: "error" });
  }

  /** The lines to show now. */
  lines(now = Date.now()): WidgetLines {
    const companion: string[] = [];
    const status: string[] = [];
    for (const l of this.#live) {
      const frame = l.frames.length ? (l.frames[this.#tick % l.frames.length] ?? []) : [];
      const said = l.reaction && l.reaction.until > now ? l.reaction.text : undefined;
      if (l.w.slot === "companion") companion.push(...frame, ...(said ? [`“${said}”`] : []));
      else status.push([frame[0], said].filter(Boolean).join(" "));
    }
    return { companion, status: status.filter(Boolean).join(" · ") };
  }

  stop(): void {
    clearInterval(this.#timer);
    clearTimeout(this.#waitTimer);
    for (const t of this.#deferred) clearTimeout(t);
    this.#deferred.clear();
    this.#timer = undefined;
  }

  /** A failure said a moment ago is not talked over by the "done" that follows it: that one waits its turn. */
  #say(l: Live, text: string, weight: number): void {
    const now = Date.now();
    const held = l.reaction && l.reaction.weight > weight ? l.reaction.at + HOLD_MS - now : 0;
    if (held > 0) {
      const t = setTimeout(() => (this.#deferred.delete(t), this.#say(l, text, weight)), held);
      t.unref?.();
      this.#deferred.add(t);
      return;
    }
    l.reaction = { text, until: now + (this.#o.reactionMs ?? 6_000), weight, at: now };
    this.#emit();
  }

  #emit(): void {
    const lines = this.lines();
    const key = JSON.stringify(lines);
    if (key === this.#last) return;
    this.#last = key;
    this.#o.onChange(lines);
  }
}
