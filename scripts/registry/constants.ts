// Fixed inputs of a registry build, in one place, so `npm run registry:build` is
// byte-reproducible: the same plugins and keys always give the same files. Expiry dates are
// constants rather than "now + n days" for that reason; move them forward (and rebuild)
// before they pass, or every client refuses the registry as frozen.
export const EXPIRES = {
  root: "2031-12-01T00:00:00Z",
  targets: "2027-12-01T00:00:00Z",
  snapshot: "2027-12-01T00:00:00Z",
  timestamp: "2027-12-01T00:00:00Z",
  /** Publishers' delegated targets roles. */
  publisher: "2027-12-01T00:00:00Z",
} as const;

/** The TUF specification version written into every role (tuf-js accepts 1.x). */
export const SPEC_VERSION = "1.0.31";

/** The catalog target: every plugin version summarised, signed by top-level targets. */
export const CATALOG_TARGET = "catalog.json";

/** The single file the binary embeds (JSON: every metadata and target file, base64). */
export const BUNDLE_FILE = "embedded.bundle";
export const BUNDLE_FORMAT = "keel-registry-bundle/1";

/** Engine range for Claude Code plugins, whose manifests say nothing about keel. */
export const CLAUDE_DEFAULT_ENGINE = ">=0.1.0";
