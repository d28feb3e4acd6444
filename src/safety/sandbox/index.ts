// The OS sandbox (bubblewrap on Linux): detection, the command line, the Bash wrap hook.
export { bwrapArgv, type BwrapPlan, DEFAULT_READ_ONLY_INSIDE, type SandboxOptions, sandboxArgv, sandboxWrapper } from "./bwrap.ts";
export { detectSandbox, type SandboxStatus } from "./detect.ts";
