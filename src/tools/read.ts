// Read: a text file as numbered lines (a window of it for long files), or an image as
// a base64 block the model can see. Every successful read records the file's hash and
// mtime so later Write/Edit calls can tell whether it changed underneath them.
import { readFile, stat } from "node:fs/promises";
import { extname } from "node:path";
import { z } from "zod";
import description from "./read.md" with { type: "text" };
import { remember } from "./file-state.ts";
import { checkPath } from "./paths.ts";
import { ToolFailure, guarded } from "./result.ts";
import { decodeUtf8, kib, looksBinary, numberLines, splitLines, truncateLine } from "./text.ts";
import { defineTool } from "./tool.ts";

export const READ_LIMITS = {
  defaultLines: 2000,
  lineChars: 2000,
  /** Whole-file reads above this need offset/limit (about 64k tokens of text). */
  wholeFileBytes: 256 * 1024,
  /** Even windowed reads refuse beyond this; Grep or Bash can look inside. */
  hardBytes: 64 * 1024 * 1024,
  /** The API takes images up to 5 MB of base64, which is 3.75 MB of raw bytes. */
  imageBytes: Math.floor((5 * 1024 * 1024 * 3) / 4),
  /** Output cap for one read (roughly 25k tokens). */
  outputChars: 100_000,
};

const IMAGE_EXT = new Set([".png", ".jpg", ".jpeg", ".gif", ".webp"]);
const BINARY_EXT = new Set(
  ".pdf .zip .gz .tgz .bz2 .xz .7z .rar .tar .jar .war .class .exe .dll .so .dylib .o .a .lib .bin .dat .wasm .pyc .mp3 .mp4 .mov .avi .mkv .wav .flac .ogg .ico .bmp .tiff .psd .ttf .otf .woff .woff2 .sqlite .db".split(" "),
);

const input = z.strictObject({
  file_path: z.string().describe("The absolute path to the file to read"),
  offset: z.int().min(0).optional().describe("The line number to start reading from (1-based). Only provide if the file is too large to read at once"),
  limit: z.int().min(1).optional().describe("The number of lines to read. Only provide if the file is too large to read at once"),
});

export const readTool = defineTool({
  name: "Read",
  description,
  input,
  readOnly: true,
  run: (args, ctx) =>
    guarded(async () => {
      const path = checkPath(args.file_path, "file_path", ctx.cwd);
      const st = await stat(path).catch(() => undefined);
      if (!st) throw new ToolFailure(`File does not exist: ${path} (working directory: ${ctx.cwd}).`);
      if (st.isDirectory()) throw new ToolFailure(`${path} is a directory, not a file; use LS or Glob to list it.`);
      if (!st.isFile()) throw new ToolFailure(`${path} is not a regular file (a device, socket or pipe); Read refuses it.`);
      const ext = extname(path).toLowerCase();

      if (IMAGE_EXT.has(ext)) {
        if (st.size > READ_LIMITS.imageBytes) {
          throw new ToolFailure(`Image ${path} is ${kib(st.size)}; the limit is ${kib(READ_LIMITS.imageBytes)}. Resize it first (e.g. with Bash).`);
        }
        const bytes = await readFile(path);
        const mediaType = sniffImage(bytes);
        if (mediaType) {
          await remember(ctx.files, path, bytes);
          return {
            forModel: [{ type: "image", source: { type: "base64", media_type: mediaType, data: bytes.toString("base64") } }],
            forDisplay: { type: "image", filePath: path, mediaType, bytes: st.size },
          };
        }
        // Named like an image but is not one: fall through to the text/binary checks.
      }
      if (BINARY_EXT.has(ext)) throw new ToolFailure(binaryMessage(path, st.size));
      if (st.size > READ_LIMITS.hardBytes) {
        throw new ToolFailure(`${path} is ${kib(st.size)}, too large to read (limit ${kib(READ_LIMITS.hardBytes)}); use Grep, or Bash with head/tail/sed.`);
      }
      if (st.size > READ_LIMITS.wholeFileBytes && args.offset === undefined && args.limit === undefined) {
        throw new ToolFailure(
          `${path} is ${kib(st.size)}, more than ${kib(READ_LIMITS.wholeFileBytes)}; read it in parts with offset and limit, or search it with Grep.`,
        );
      }
      const bytes = await readFile(path);
      if (looksBinary(bytes)) throw new ToolFailure(binaryMessage(path, st.size));
      const result = renderText(path, decodeUtf8(bytes), args.offset, args.limit);
      await remember(ctx.files, path, bytes);
      return result;
    }),
});

function renderText(path: string, text: string, offset: number | undefined, limit: number | undefined) {
  if (text.length === 0) {
    return {
      forModel: `${path} exists but is empty (0 bytes).`,
      forDisplay: { type: "text", filePath: path, startLine: 1, numLines: 0, totalLines: 0 },
    };
  }
  const lines = splitLines(text);
  const start = Math.max(1, offset ?? 1);
  if (start > lines.length) {
    throw new ToolFailure(`offset ${start} is past the end of ${path}, which has ${lines.length} lines.`);
  }
  const wanted = lines.slice(start - 1, start - 1 + (limit ?? READ_LIMITS.defaultLines));
  const shown: string[] = [];
  let chars = 0;
  for (const line of wanted) {
    const l = truncateLine(line, READ_LIMITS.lineChars);
    if (chars + l.length > READ_LIMITS.outputChars && shown.length > 0) break;
    shown.push(l);
    chars += l.length + 8;
  }
  const end = start + shown.length - 1;
  let body = numberLines(shown, start);
  if (end < lines.length) {
    body += `\n\n(Showing lines ${start}-${end} of ${lines.length}. Pass offset=${end + 1} to read on.)`;
  }
  return {
    forModel: body,
    forDisplay: { type: "text", filePath: path, startLine: start, numLines: shown.length, totalLines: lines.length },
  };
}

function binaryMessage(path: string, size: number): string {
  return `${path} looks like a binary file (${kib(size)}); Read shows text and PNG/JPEG/GIF/WebP images only. Use Bash (file, xxd | head) to inspect it.`;
}

/** Media type from magic bytes, so a mislabelled file is never sent as an image. */
function sniffImage(b: Uint8Array): string | undefined {
  const starts = (...sig: number[]) => sig.every((v, i) => b[i] === v);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  if (starts(0x47, 0x49, 0x46, 0x38)) return "image/gif";
  if (starts(0x52, 0x49, 0x46, 0x46) && b[8] === 0x57 && b[9] === 0x45 && b[10] === 0x42 && b[11] === 0x50) return "image/webp";
  return undefined;
}
