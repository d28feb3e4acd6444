// The compiled binary on its own: version, help, errors, and running when copied
// alone into an unrelated directory (it must read nothing from the source tree).
import { describe, expect, test } from "bun:test";
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { KEEL_BIN, cleanEnv, freshDir, runKeel } from "../support/binary.ts";

describe("dist/keel", () => {
  test("--version prints the injected version", async () => {
    const r = await runKeel(["--version"]);
    expect(r.exitCode).toBe(0);
    const pkg = (await Bun.file(join(import.meta.dir, "../../package.json")).json()) as { version: string };
    expect(r.stdout.trim()).toStartWith(pkg.version);
    expect(r.stdout.trim()).not.toContain("dev");
  });

  test("--help lists the global options", async () => {
    const r = await runKeel(["--help"]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain("Usage: keel");
    expect(r.stdout).toContain("--settings");
  });

  test("an unknown command fails with a clear message and exit code 1", async () => {
    const r = await runKeel(["frobnicate"]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("frobnicate");
    expect(r.stderr).not.toContain("at ");
  });

  test("carries the production builds of React and its reconciler, not the development ones", async () => {
    // bun build leaves NODE_ENV "development" unless the build defines it (scripts/build.ts).
    const bytes = Buffer.from(await Bun.file(KEEL_BIN).arrayBuffer());
    expect(bytes.includes("react-reconciler.production")).toBe(true);
    expect(bytes.includes("react-reconciler.development")).toBe(false);
    expect(bytes.includes("react.development")).toBe(false);
  });

  test("runs when copied alone to another directory", async () => {
    const dir = freshDir("keel-copy-");
    const copy = join(dir, "keel");
    copyFileSync(KEEL_BIN, copy);
    const proc = Bun.spawnSync([copy, "--help"], { cwd: dir, env: cleanEnv({ KEEL_HOME: join(dir, "home") }) });
    expect(proc.exitCode).toBe(0);
    expect(proc.stdout.toString()).toContain("Usage: keel");
  });
});
