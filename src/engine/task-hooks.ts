// TaskCreated / TaskCompleted: TodoWrite is keel's task list, so the engine wraps it. After
// a write lands, each new item fires TaskCreated and each item that became completed fires
// TaskCompleted. A block is honoured by writing the list again without that change — the
// item dropped, or kept at its earlier status — and the tool result tells the model why.
import type { EventFields, HookOutcome, HookRunner } from "./hooks.ts";
import { type Todo, type Tool, type ToolContext, type ToolResult, todosOf } from "./tool-contract.ts";

export const TODO_TOOL = "TodoWrite";

/** Ids by content: items carry no id of their own, and Claude Code's hooks expect one. */
interface TaskIds {
  next: number;
  byContent: Map<string, string>;
}

const IDS = "engine.task-ids";

function idsOf(store: Map<string, unknown>): TaskIds {
  let ids = store.get(IDS) as TaskIds | undefined;
  if (!ids) store.set(IDS, (ids = { next: 1, byContent: new Map() }));
  return ids;
}

function idFor(ids: TaskIds, content: string): string {
  let id = ids.byContent.get(content);
  if (!id) ids.byContent.set(content, (id = String(ids.next++)));
  return id;
}

const text = (r: ToolResult) => (typeof r.forModel === "string" ? r.forModel : r.forModel.map((b) => (b.type === "text" ? b.text : "")).join("\n"));

export function withTaskHooks(tool: Tool, hooks: HookRunner): Tool {
  return {
    ...tool,
    async run(input: unknown, ctx: ToolContext): Promise<ToolResult> {
      const out = await tool.run(input, ctx);
      if (out.isError) return out;
      const before = ((out.forDisplay as { oldTodos?: Todo[] } | undefined)?.oldTodos ?? []) as Todo[];
      const prev = new Map(before.map((t) => [t.content, t] as const));
      const ids = idsOf(ctx.store);
      const fire = (event: "TaskCreated" | "TaskCompleted", t: Todo) => {
        const fields: EventFields[typeof event] = { task_id: idFor(ids, t.content), task_subject: t.content, content: t.content, status: t.status, active_form: t.activeForm };
        return hooks.run(event, { session_id: ctx.sessionId, cwd: ctx.cwd, hook_event_name: event, ...fields }).catch(() => ({}) as HookOutcome);
      };
      const kept: Todo[] = [];
      const notes: string[] = [];
      const reverted = new Set<Todo>();
      for (const t of todosOf(ctx.store)) {
        const old = prev.get(t.content);
        if (!old) {
          const created = await fire("TaskCreated", t);
          if (created.block) {
            ids.byContent.delete(t.content);
            notes.push(`A TaskCreated hook refused the task "${t.content}"; it is not on the list: ${created.block.reason}`);
            continue;
          }
        }
        if (t.status === "completed" && old?.status !== "completed") {
          const done = await fire("TaskCompleted", t);
          if (done.block) {
            const item = { ...t, status: old?.status ?? "pending" };
            reverted.add(item);
            kept.push(item);
            notes.push(`A TaskCompleted hook kept the task "${t.content}" from being completed: ${done.block.reason}`);
            continue;
          }
        }
        kept.push(t);
      }
      if (!notes.length) return out;
      // At most one item may be in progress: a reverted one yields to the model's choice.
      if (kept.filter((t) => t.status === "in_progress").length > 1) for (const t of reverted) if (t.status === "in_progress") t.status = "pending";
      const again = await tool.run({ todos: kept }, ctx);
      if (again.isError) return again;
      const statuses = [...reverted].map((t) => `"${t.content}" stays ${t.status}`).join(", ");
      return {
        forModel: `${text(again)}\n\n${notes.join("\n")}${statuses ? `\n(${statuses}.)` : ""}`,
        forDisplay: { oldTodos: before, newTodos: kept },
      };
    },
  };
}
