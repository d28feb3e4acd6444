// The safety domain's face: bash command analysis, permission rules and modes (the
// PermissionGate the engine calls), and the OS sandbox (bubblewrap).
export * from "./bash/index.ts";
export * from "./permissions/index.ts";
export * from "./sandbox/index.ts";
