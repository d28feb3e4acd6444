// Who this keel is, for things that must stay the same per person or per install (buddy's
// companion): the account id when one is set, else a random install id created once at
// `<stateDir>/install-id` and read ever after — the same file the flags' GrowthBook `id`
// attribute reads (src/flags/files.ts), so an install has one id. Never regenerated behind
// anyone's back: a damaged file is an error naming it, since a new id changes what it decides.
import { randomUUID } from "node:crypto";
import { closeSync, fdatasyncSync, linkSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { KeelError } from "../errors.ts";
import type { Env, Paths } from "./paths.ts";

export const ACCOUNT_ID_ENV = "KEEL_ACCOUNT_ID";
export const INSTALL_ID_FILE = "install-id";
export const MAX_ID_LENGTH = 256;

export interface InstallIdentity {
  id: string;
  /** "account": from KEEL_ACCOUNT_ID, the same on every machine; "install": this install's file. */
  source: "account" | "install";
  /** The install-id file (also when the account id wins, so doctor can show it). */
  file: string;
  /** True when this call created the install-id file. */
  created: boolean;
}

const ID_SHAPE = /^[A-Za-z0-9._:@+-]+$/;

export const installIdFile = (paths: Pick<Paths, "stateDir">): string => join(paths.stateDir, INSTALL_ID_FILE);

/** The account id from the environment, checked; undefined when unset or blank. */
export function accountId(env: Env = process.env): string | undefined {
  const raw = env[ACCOUNT_ID_ENV]?.trim();
  if (!raw) return undefined;
  if (raw.length > MAX_ID_LENGTH || !ID_SHAPE.test(raw)) {
    throw new KeelError(`${ACCOUNT_ID_ENV} must be at most ${MAX_ID_LENGTH} characters of letters, digits and . _ : @ + -`, 2);
  }
  return raw;
}

/** The account id if set, else this install's id (created on first use). */
export function installIdentity(paths: Pick<Paths, "stateDir">, env: Env = process.env): InstallIdentity {
  const file = installIdFile(paths);
  const account = accountId(env);
  if (account) return { id: account, source: "account", file, created: false };
  const existing = readIdFile(file);
  if (existing) return { id: existing, source: "install", file, created: false };
  const made = createIdFile(file);
  return { id: made.id, source: "install", file, created: made.created };
}

export const installId = (paths: Pick<Paths, "stateDir">, env: Env = process.env): string => installIdentity(paths, env).id;

/** This install's own id, whatever the account: the flags' GrowthBook `id` attribute. */
export function installFileId(paths: Pick<Paths, "stateDir">): string {
  const file = installIdFile(paths);
  return readIdFile(file) ?? createIdFile(file).id;
}

/** The id in the file, undefined when the file does not exist; a damaged file throws. */
function readIdFile(file: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined; // not made yet; creating it says what is wrong
    throw new KeelError(`cannot read ${file}: ${(e as Error).message}`);
  }
  const id = text.trim();
  if (id === "" || id.length > MAX_ID_LENGTH || !ID_SHAPE.test(id)) {
    throw new KeelError(
      `${file} does not hold an install id (expected one line of letters, digits and . _ : @ + -, at most ${MAX_ID_LENGTH})`,
      1,
      `restore it, or delete it to get a new id (what depends on the id, such as your buddy, changes)`,
    );
  }
  return id;
}

/**
 * Writes a complete temp file, then hard-links it into place: link() fails if the name exists,
 * so two keels starting at once agree on the first one's id (rename would let the second win
 * after the first had already used its id), and no reader ever sees a half-written file.
 */
function createIdFile(file: string): { id: string; created: boolean } {
  const id = randomUUID();
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomUUID().slice(0, 8)}.keel-tmp`);
  let madeTmp = false;
  try {
    mkdirSync(dirname(file), { recursive: true });
    const fd = openSync(tmp, "wx", 0o600);
    madeTmp = true;
    try {
      writeSync(fd, `${id}\n`);
      fdatasyncSync(fd);
    } finally {
      closeSync(fd);
    }
    linkSync(tmp, file);
    return { id, created: true };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") {
      const theirs = readIdFile(file);
      if (theirs) return { id: theirs, created: false };
    }
    throw new KeelError(`cannot create ${file}: ${(e as Error).message}`, 1, `set ${ACCOUNT_ID_ENV}, or make ${dirname(file)} writable`);
  } finally {
    // Only when it exists: Bun's rmSync(force) on a path under a non-directory throws EFAULT.
    if (madeTmp) rmSync(tmp, { force: true });
  }
}
