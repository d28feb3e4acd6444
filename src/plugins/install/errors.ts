// The installer's one error type: a single line naming the plugin, the archive entry or the
// file at fault. Every InstallError is raised before anything reaches the store or lockfile.
import { KeelError } from "../../errors.ts";

export class InstallError extends KeelError {}
