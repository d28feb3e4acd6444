// TodoWrite: the session's task list, replaced whole on each call and kept in ctx.store.
import { z } from "zod";
import description from "./todo-write.md" with { type: "text" };
import { ToolFailure, guarded } from "./result.ts";
import { defineTool } from "./tool.ts";

export const Todo = z.strictObject({
  content: z.string().min(1, "content must not be empty"),
  status: z.enum(["pending", "in_progress", "completed"]),
  activeForm: z.string().min(1, "activeForm must not be empty"),
});
export type Todo = z.infer<typeof Todo>;

const input = z.strictObject({
  todos: z.array(Todo).describe("The updated todo list"),
});

const KEY = "tools.todos";

/** The session's current todo list (the UI and the prompt read it from here). */
export function todosOf(store: Map<string, unknown>): Todo[] {
  return (store.get(KEY) as Todo[] | undefined) ?? [];
}

export const todoWriteTool = defineTool({
  name: "TodoWrite",
  description,
  input,
  readOnly: false,
  run: (args, ctx) =>
    guarded(async () => {
      const active = args.todos.filter((t) => t.status === "in_progress");
      if (active.length > 1) {
        throw new ToolFailure(
          `At most one todo may be in_progress; ${active.length} are: ${active.map((t) => JSON.stringify(t.content)).join(", ")}. Mark the others pending or completed. The list was not changed.`,
        );
      }
      const oldTodos = todosOf(ctx.store);
      const newTodos = args.todos.map((t) => ({ ...t }));
      ctx.store.set(KEY, newTodos);
      return {
        forModel:
          "Todos have been modified successfully. Ensure that you continue to use the todo list to track your progress. Please proceed with the current tasks if applicable",
        forDisplay: { oldTodos, newTodos },
      };
    }),
});
