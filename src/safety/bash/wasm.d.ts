// Wasm files are embedded into the compiled binary as files (`with { type: "file" }`):
// the import gives a path that is readable at run time, /$bunfs/… inside dist/keel.
declare module "*.wasm" {
  const path: string;
  export default path;
}
