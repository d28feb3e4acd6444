// The embedded registry bundle is imported as a file (`with { type: "file" }`): the import
// gives a path readable at run time, /$bunfs/… inside dist/keel.
declare module "*.bundle" {
  const path: string;
  export default path;
}
