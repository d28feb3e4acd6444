// `keel plugin rollback` asks the registry first: a version its publisher revoked after it
// was installed is never put back, and nothing changes; one still good rolls back.
import { describe, expect, test } from "bun:test";
import { hashDir } from "../plugins/install/fixture.ts";
import { makeRegistry, samplePlugin } from "../support/registry/fixture.ts";
import { keelFromSource } from "./plugin-support.ts";

describe("rollback and revocation", () => {
  test("a revoked earlier version is refused with the publisher's reason; a good one rolls back", async () => {
    const fx = makeRegistry({ plugins: [samplePlugin("fmt", { version: "1.0.0" }), samplePlugin("fmt", { version: "1.1.0" }), samplePlugin("fmt", { version: "1.2.0" })] });
    const keel = keelFromSource({ KEEL_REGISTRY: fx.dir });
    for (const v of ["1.0.0", "1.1.0", "1.2.0"]) expect((await keel.run(["plugin", "install", `fmt@${v}`, "--yes"])).exitCode).toBe(0);

    // The publisher withdraws 1.1.0, the version a rollback from 1.2.0 would restore.
    fx.plugins.splice(1, 1, samplePlugin("fmt", { version: "1.1.0", revoked: "corrupts files on save" }));
    fx.rebuild();
    const before = hashDir(keel.stateDir);
    const refused = await keel.run(["plugin", "rollback", "fmt"]);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain("cannot roll back fmt to 1.1.0");
    expect(refused.stderr).toContain("corrupts files on save");
    expect(hashDir(keel.stateDir)).toBe(before);

    // Un-revoked (a new publish), the same rollback goes through.
    fx.plugins.splice(1, 1, samplePlugin("fmt", { version: "1.1.0" }));
    fx.rebuild();
    const ok = await keel.run(["plugin", "rollback", "fmt"]);
    expect(ok.stdout).toBe("rolled back fmt 1.2.0 → 1.1.0\n");
  });
});
