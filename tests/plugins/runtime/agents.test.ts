// A plugin's agents/*.md as Task sub-agent kinds, in a real loop against the test server:
// subagent_type picks the agent's instructions (in the sub-agent's system prompt) and its
// tool list; an unknown kind is an is_error result naming the known ones.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { createTaskTool, type SubagentType } from "../../../src/engine/index.ts";
import { type AnthropicServer, text, toolUse } from "../../support/anthropic/index.ts";
import { probeTool, run, startServer } from "../../engine/harness.ts";
import { runtimeFor, writeTree } from "./fixtures.ts";

let server: AnthropicServer;
let source: Awaited<ReturnType<typeof startServer>>["source"];
beforeAll(async () => ({ server, source } = await startServer()));
afterAll(() => server.close());

function pluginAgents(): SubagentType[] {
  const root = writeTree({
    ".claude-plugin/plugin.json": { name: "reviewers" },
    "agents/security.md": "---\nname: security\ndescription: Looks for injection bugs\ntools: Look\n---\nYou are a security reviewer. Report only real vulnerabilities.",
  });
  return runtimeFor([root]).runtime.contributions().agents.map((a) => ({ name: a.name, description: a.description, prompt: a.prompt, ...(a.tools ? { tools: a.tools } : {}) }));
}

const systemText = (body: { system?: { text: string }[] }) => (body.system ?? []).map((b) => b.text).join("\n");

test("subagent_type runs the plugin agent: its prompt in the sub-agent's system prompt, only its tools", async () => {
  server.reset();
  const agents = pluginAgents();
  const tools = [probeTool("Look", { readOnly: true }), probeTool("Touch")];
  const task = createTaskTool({ source, model: "claude-sonnet-5-5", tools, agents });
  expect(task.description).toContain("- security: Looks for injection bugs");
  server.enqueue(toolUse("Task", { description: "review", prompt: "Review src/", subagent_type: "security" }), text("no findings"), text("All clear."));
  await run({ source, prompt: "review please", tools: [task, ...tools] });
  const sub = server.requests[1]!.body;
  expect(systemText(sub)).toContain("You are a security reviewer. Report only real vulnerabilities.");
  expect(sub.tools.map((t: { name: string }) => t.name)).toEqual(["Look"]);
  expect(JSON.stringify(server.requests[2]!.body.messages.at(-1).content)).toContain("no findings");
  // Without a kind, the general sub-agent keeps every tool and no plugin prompt.
  server.reset();
  server.enqueue(toolUse("Task", { description: "look", prompt: "Look around" }), text("looked"), text("ok"));
  await run({ source, prompt: "go", tools: [task, ...tools] });
  expect(server.requests[1]!.body.tools.map((t: { name: string }) => t.name).sort()).toEqual(["Look", "Touch"]);
  expect(systemText(server.requests[1]!.body)).not.toContain("security reviewer");
});

test("an unknown subagent_type is an is_error result naming the known kinds", async () => {
  server.reset();
  const task = createTaskTool({ source, model: "claude-sonnet-5-5", tools: [], agents: pluginAgents() });
  server.enqueue(toolUse("Task", { description: "x", prompt: "y", subagent_type: "nope" }), text("sorry"));
  await run({ source, prompt: "go", tools: [task] });
  const result = server.requests[1]!.body.messages.at(-1).content[0];
  expect(result.is_error).toBe(true);
  expect(JSON.stringify(result.content)).toContain('Unknown subagent_type \\"nope\\"; known: security.');
});
