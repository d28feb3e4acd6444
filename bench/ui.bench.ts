// The REPL's rendering cost: the real Ink app (startUi) drawing into an in-memory
// terminal. (1) 20,000 streamed tokens as fast as they come: CPU time and frames.
// (2) 1,000 tokens/s for 3 s: the share of one core the UI uses (budget ≤ 15%).
import { PassThrough } from "node:stream";
import { startUi } from "../src/ui/index.ts";
import { report } from "./budget.ts";

function terminal() {
  const stdout = Object.assign(new PassThrough(), { columns: 120, rows: 40, isTTY: true });
  stdout.resume(); // a terminal that keeps up
  const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => stdin, ref: () => stdin, unref: () => stdin });
  return { stdout: stdout as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream };
}

const words = "the quick brown fox jumps over the lazy dog while keel streams markdown `code` and **bold** text\n".split(/(?<= )/);
const token = (i: number) => words[i % words.length] as string;
const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

async function burst(n: number) {
  const t = terminal();
  const ui = startUi({ model: "bench", commands: [], onSubmit() {}, onInterrupt() {}, onExit() {}, ...t });
  ui.dispatch({ type: "turn_start", turn: 1 });
  const start = process.cpuUsage();
  const wall = performance.now();
  for (let i = 0; i < n; i++) {
    ui.dispatch({ type: "text_delta", turn: 1, text: token(i) });
    if (i % 200 === 0) await Bun.sleep(0); // let frames happen, as a real stream would
  }
  await Bun.sleep(40);
  const cpu = cpuMs(process.cpuUsage(start));
  const ms = performance.now() - wall;
  const frames = ui.store.frames;
  ui.close();
  return { cpu, ms, frames };
}

async function paced(tokensPerSecond: number, seconds: number) {
  const t = terminal();
  const ui = startUi({ model: "bench", commands: [], onSubmit() {}, onInterrupt() {}, onExit() {}, ...t });
  ui.dispatch({ type: "turn_start", turn: 1 });
  await Bun.sleep(50);
  const framesBefore = ui.store.frames;
  const start = process.cpuUsage();
  const wall = performance.now();
  const perTick = tokensPerSecond / 100;
  let i = 0;
  while (performance.now() - wall < seconds * 1000) {
    for (let k = 0; k < perTick; k++) ui.dispatch({ type: "text_delta", turn: 1, text: token(i++) });
    await Bun.sleep(10);
  }
  const cpu = cpuMs(process.cpuUsage(start));
  const ms = performance.now() - wall;
  const frames = ui.store.frames - framesBefore;
  ui.close();
  return { share: cpu / ms, frames, fps: frames / (ms / 1000) };
}

const b = await burst(20_000);
const p = await paced(1000, 3);
const ok = report("terminal UI rendering (real Ink app, in-memory terminal)", [
  { name: "20,000 tokens as fast as they come: CPU", value: b.cpu, unit: "ms" },
  { name: "20,000 tokens: wall", value: b.ms, unit: "ms" },
  { name: "20,000 tokens: frames rendered", value: b.frames, unit: "frames" },
  { name: "1,000 tokens/s for 3 s: CPU share of one core", value: p.share * 100, unit: "%", budget: 15 },
  { name: "1,000 tokens/s: frames per second", value: p.fps, unit: "fps", budget: 60 },
]);
process.exit(ok ? 0 : 1);
