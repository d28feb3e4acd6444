// The version string, injected at build time with `--define KEEL_VERSION=...`.
// Running from source (bun src/main.ts) has no define, hence the dev marker.
declare const KEEL_VERSION: string | undefined;

export const VERSION: string = typeof KEEL_VERSION === "string" ? KEEL_VERSION : "0.0.0-dev";
