// `keel plugin install <name>[@version|@marketplace]` and `keel plugin update [name|--all]`:
// plan, show what the plugin may do and ask (or --yes), download with a progress bar, verify,
// install, then fire PluginInstalled. Unsigned marketplace plugins need --allow-unsigned.
import { KeelError } from "../errors.ts";
import {
  applySigned,
  applyUnsigned,
  checkInstalled,
  compareVersions,
  type InstallPlan,
  type LockEntry,
  planMarketplace,
  planSigned,
  type PluginPaths,
  readLockfile,
  type Registry,
  treeHash,
} from "../plugins/index.ts";
import { consent } from "./plugin-consent.ts";
import { gateOpen } from "../flags/index.ts";
import { currentPluginPaths, currentRegistry, firePluginHook, flagSnapshot, parseInstallSpec } from "./plugin-context.ts";
import { progressBar } from "./plugin-progress.ts";
import { paint, printJson, printLine, warn } from "./output.ts";

export interface InstallOptions {
  yes?: boolean;
  allowUnsigned?: boolean;
  json?: boolean;
}

export type Outcome = { status: "installed" | "updated" | "repaired" | "unchanged" | "declined"; entry?: LockEntry; from?: string };

function unsignedRefusal(spec: string): KeelError {
  return new KeelError(
    `${spec} comes from a Claude Code marketplace and is unsigned: nothing vouches for its files`,
    1,
    "pass --allow-unsigned to install it anyway",
  );
}

async function runPlan(
  paths: PluginPaths,
  plan: InstallPlan,
  apply: () => Promise<LockEntry>,
  o: InstallOptions,
): Promise<Outcome> {
  const same = plan.change === "same" && plan.current !== undefined && plan.current.treeHash === treeHash(plan.pending.files);
  // The same files already installed and intact: nothing to do. Edited ones fall through and are repaired.
  if (same && !plan.needsConsent && checkInstalled(plan.current as LockEntry, paths).ok) return { status: "unchanged", entry: plan.current as LockEntry };
  if (!(await consent(plan, o))) return { status: "declined" };
  const entry = await apply();
  await firePluginHook("PluginInstalled", entry);
  if (same) return { status: "repaired", entry };
  return { status: plan.current ? "updated" : "installed", entry, ...(plan.current ? { from: plan.current.version } : {}) };
}

async function installSigned(registry: Registry, paths: PluginPaths, name: string, version: string | undefined, o: InstallOptions): Promise<Outcome> {
  const plan = await planSigned(registry, paths, name, version);
  return runPlan(paths, plan, async () => {
    const bar = progressBar(`downloading ${name} ${plan.pending.version}`);
    try {
      return await applySigned(registry, paths, plan, { onProgress: bar.onProgress });
    } finally {
      bar.done();
    }
  }, o);
}

function report(o: Outcome, json: boolean | undefined, paths: PluginPaths): void {
  if (json) return printJson({ status: o.status, ...(o.from ? { from: o.from } : {}), ...(o.entry ? { plugin: o.entry } : {}) });
  const e = o.entry;
  if (o.status === "declined") return printLine("nothing installed");
  if (!e) return;
  const trust = e.signed ? `signed by ${e.publisher}` : paint.yellow("unsigned");
  if (o.status === "unchanged") return printLine(`${e.name} ${e.version} is already installed and intact`);
  if (o.status === "repaired") return printLine(`repaired ${e.name} ${e.version}: its files were restored as installed`);
  const verb = o.status === "updated" ? `updated ${e.name} ${o.from} → ${e.version}` : `installed ${e.name} ${e.version}`;
  printLine(`${verb} (${trust}) in ${paths.store}/${e.treeHash}`);
}

/** Plans, asks and installs one spec; the caller reports the outcome (the CLI prints it, browse redraws). */
export async function runInstall(spec: string, o: InstallOptions): Promise<Outcome> {
  const s = parseInstallSpec(spec);
  const paths = await currentPluginPaths();
  if (s.marketplace) {
    // Planned first: a marketplace not added, or a plugin it does not list, is named as such.
    const plan = planMarketplace(paths, s.name, s.marketplace);
    if (!o.allowUnsigned) throw unsignedRefusal(spec);
    return runPlan(paths, plan, () => applyUnsigned(paths, plan), o);
  }
  return installSigned(await currentRegistry(paths), paths, s.name, s.version, o);
}

export async function pluginInstall(spec: string, o: InstallOptions): Promise<void> {
  const outcome = await runInstall(spec, o);
  report(outcome, o.json, await currentPluginPaths());
  if (outcome.status === "declined") process.exitCode = 1;
  // Installed but dark: say which flag turns it on, or the person is left wondering where it is.
  const flag = outcome.entry?.flag;
  if (!o.json && flag && !gateOpen(await flagSnapshot(), flag)) {
    printLine(paint.dim(`${outcome.entry?.name} stays off while the feature flag ${flag} is off: keel flags set ${flag} true turns it on`));
  }
}

export interface UpdateOptions extends InstallOptions {
  all?: boolean;
}

export async function pluginUpdate(name: string | undefined, o: UpdateOptions): Promise<void> {
  if (!name && !o.all) throw new KeelError("give a plugin name to update, or --all for every installed plugin");
  if (name && o.all) throw new KeelError("give a plugin name or --all, not both");
  const paths = await currentPluginPaths();
  const lock = readLockfile(paths);
  const names = name ? [name] : Object.keys(lock.plugins).sort();
  if (name && !lock.plugins[name]) throw new KeelError(`plugin ${name} is not installed`, 1, `install it with keel plugin install ${name}`);
  let registry: Registry | undefined;
  const results: Array<{ name: string; status: string; from?: string; to?: string; error?: string }> = [];
  for (const n of names) {
    const current = lock.plugins[n] as LockEntry;
    try {
      let outcome: Outcome;
      if (current.source.startsWith("marketplace:")) {
        if (!o.allowUnsigned && o.all) {
          results.push({ name: n, status: "skipped (unsigned: --allow-unsigned re-reads it)", from: current.version });
          continue;
        }
        if (!o.allowUnsigned) throw unsignedRefusal(`${n}@${current.source.slice("marketplace:".length)}`);
        const plan = planMarketplace(paths, n, current.source.slice("marketplace:".length));
        outcome = await runPlan(paths, plan, () => applyUnsigned(paths, plan), o);
      } else {
        registry ??= await currentRegistry(paths);
        const latest = await registry.resolve(n);
        if (compareVersions(latest.custom.version, current.version) <= 0) outcome = { status: "unchanged", entry: current };
        else outcome = await installSigned(registry, paths, n, latest.custom.version, o);
      }
      results.push({ name: n, status: outcome.status === "unchanged" ? "up to date" : outcome.status === "declined" ? "declined" : "updated", from: current.version, ...(outcome.entry ? { to: outcome.entry.version } : {}) });
    } catch (e) {
      if (!(e instanceof KeelError) || names.length === 1) throw e;
      results.push({ name: n, status: "failed", error: e.message });
      process.exitCode = 1;
    }
  }
  if (o.json) return printJson({ results });
  if (results.length === 0) return printLine(paint.dim("no plugins installed"));
  for (const r of results) {
    if (r.status === "failed") warn(`${r.name}: ${r.error}`);
    else printLine(r.status === "updated" ? `updated ${r.name} ${r.from} → ${r.to}` : `${r.name} ${r.from}: ${r.status}`);
  }
}
