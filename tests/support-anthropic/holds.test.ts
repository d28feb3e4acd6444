// Holds and cancellation: a hold in the middle of the text, a hold before anything is written,
// waiting for requests to arrive, and a client that goes away mid-stream.
import Anthropic from "@anthropic-ai/sdk";
import { expect, test } from "bun:test";
import { createGate, text } from "../support/anthropic/index.ts";
import { ask, useServer } from "./fixture.ts";

const fx = useServer();

test("holdAfterEvents stops the stream part-way through the text", async () => {
  const gate = createGate();
  // message_start, ping, content_block_start, "abc", "def" | held | "ghi", …
  fx.srv.enqueue(text("abcdefghi", { chunkSize: 3, hold: gate, holdAfterEvents: 5 }));
  const stream = fx.client.messages.stream(ask("x"));
  const partial = new Promise<string>((resolve) => stream.on("text", (_d, snapshot) => snapshot === "abcdef" && resolve(snapshot)));
  expect(await partial).toBe("abcdef");
  expect(fx.srv.requests[0]!.events.map((e) => e.event)).toEqual([
    "message_start",
    "ping",
    "content_block_start",
    "content_block_delta",
    "content_block_delta",
  ]);
  gate.open();
  expect((await stream.finalMessage()).content[0]).toMatchObject({ text: "abcdefghi" });
});

test("startHold keeps the whole response back; waitForRequests sees the request arrive", async () => {
  const gate = createGate();
  fx.srv.enqueue(text("late", { startHold: gate }));
  const reply = fx.client.messages.create(ask("x"));
  const [req] = await fx.srv.waitForRequests(1);
  expect(req!.body.messages[0].content).toBe("x");
  expect(req!.status).toBe(0);
  gate.open();
  expect((await reply).content[0]).toMatchObject({ text: "late" });
  expect(req!.status).toBe(200);
});

test("a client that aborts mid-stream is recorded as aborted and the response stops", async () => {
  const gate = createGate();
  fx.srv.enqueue(text("some text", { hold: gate }));
  const stream = fx.client.messages.stream(ask("x"));
  const ended = stream.finalMessage().catch((e) => e);
  await new Promise<void>((resolve) => stream.on("contentBlock", () => resolve()));
  stream.abort();
  expect(await ended).toBeInstanceOf(Anthropic.APIUserAbortError);
  const record = fx.srv.requests[0]!;
  await record.done;
  expect(record.aborted).toBe(true);
  expect(record.events.map((e) => e.event)).not.toContain("message_stop");
});

test("a client that aborts during startHold is recorded as aborted", async () => {
  const gate = createGate();
  fx.srv.enqueue(text("never", { startHold: gate }));
  const controller = new AbortController();
  const reply = fx.client.messages.create(ask("x"), { signal: controller.signal }).catch((e) => e);
  const [record] = await fx.srv.waitForRequests(1);
  controller.abort();
  expect(await reply).toBeInstanceOf(Anthropic.APIUserAbortError);
  await record!.done;
  expect(record!.aborted).toBe(true);
});

test("delayMs spaces the events at least that far apart", async () => {
  fx.srv.enqueue(text("abcdef", { chunkSize: 2, delayMs: 15 }));
  await fx.client.messages.stream(ask("x")).finalMessage();
  const times = fx.srv.requests[0]!.events.map((e) => e.at);
  const gaps = times.slice(1).map((t, i) => t - times[i]!);
  // A lower bound only (timers may fire a hair early); how fast is not this test's business.
  for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(14);
});
