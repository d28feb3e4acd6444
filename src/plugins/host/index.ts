// The plugin host: its wire protocol, the process side (`__plugin-host`) and keel's client.
export { type Backoff, DEFAULT_BACKOFF, DEFAULT_TIMEOUT_MS, type HostCommand, type HostOptions, PluginHost, PluginHostError } from "./client.ts";
export { hostCommand, type HostCommandOptions } from "./command.ts";
export { InitParams, type InitResult, LineSplitter, RpcRequest, RpcResponse } from "./protocol.ts";
export { runHostProcess, serveHost } from "./server.ts";
export { HOST_ARG, hostEnv, isCompiled, sandboxedArgv, selfArgv } from "./spawn.ts";
