// Speculative execution: a session's changes land in a copy-on-write overlay of the
// project; the person sees the diff, then approves (atomic per file) or rejects them.
export { approve, reject } from "./apply.ts";
export { type Change, type ChangeKind, listChanges, renderDiff } from "./changes.ts";
export { overlayArgv, type OverlaySupport, overlaySupport } from "./mount.ts";
export { createOverlay, listOverlays, type OverlayDirs, type OverlayMeta, openOverlay, removeOverlay } from "./store.ts";
