// Ambient module types shared by every folder. Markdown files are imported as text
// (`import d from "./read.md" with { type: "text" }`) and bundled into the binary.
declare module "*.md" {
  const text: string;
  export default text;
}
