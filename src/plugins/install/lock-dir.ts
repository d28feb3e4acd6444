// One installer at a time per state dir: a directory made with mkdir (atomic everywhere)
// holding the owner's pid. A lock whose owner died is taken over, so a crash never wedges keel.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { PluginPaths } from "../contracts.ts";
import { InstallError } from "./errors.ts";

export const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
};

export async function withInstallLock<T>(paths: PluginPaths, fn: () => Promise<T>): Promise<T> {
  const dir = join(paths.root, ".lock");
  mkdirSync(paths.root, { recursive: true });
  for (let attempt = 0; ; attempt++) {
    try {
      mkdirSync(dir);
      writeFileSync(join(dir, "pid"), String(process.pid));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      let owner = 0;
      try {
        owner = Number(readFileSync(join(dir, "pid"), "utf8").trim()) || 0;
      } catch {} // the owner is between mkdir and writing its pid
      if (owner && !alive(owner)) {
        rmSync(dir, { recursive: true, force: true });
        continue;
      }
      if (attempt >= 100) throw new InstallError(`another keel (pid ${owner || "?"}) is installing plugins right now (${dir}); try again when it finishes`);
      await Bun.sleep(50);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
