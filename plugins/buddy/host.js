// buddy's host module, loaded by keel's plugin host (out of process). It contributes the
// `companion` widget (animated frames and reactions) and the `card` call behind `keel buddy`
// and `/buddy`. Everything is derived from an id; ctx.installId is the account or install id.
import { companion } from "./lib/companion.js";
import { reaction } from "./lib/react.js";

/** @typedef {{ pluginRoot: string, installId: string, cwd: string }} HostContext */

/** @param {HostContext} ctx */
const ownId = (ctx) => {
  if (!ctx || typeof ctx.installId !== "string" || ctx.installId === "") throw new Error("buddy: the plugin host passed no installId");
  return ctx.installId;
};

export const widgets = {
  companion: {
    /** @param {HostContext} ctx @returns {readonly (readonly string[])[]} frozen, shared frames */
    frames: (ctx) => companion(ownId(ctx)).frames,
    /** @param {{ kind: string, detail?: string }} event @param {HostContext} ctx */
    react: (event, ctx) => reaction(ownId(ctx), event),
  },
};

export const calls = {
  /**
   * The card of `params.id` (a preview of another id's companion), else of this install.
   * @param {{ id?: string } | undefined} params @param {HostContext} ctx
   */
  card: (params, ctx) => companion(params?.id !== undefined ? params.id : ownId(ctx)),
};
