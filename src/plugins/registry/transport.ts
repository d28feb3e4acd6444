// How registry bytes are read, whatever holds them (the binary, a directory, an HTTP host).
// A transport knows nothing of trust: it returns at most maxLength bytes of one file, says
// when the file is absent, and tells unreachable (worth falling back to the cache) apart from
// too long (hostile, never a reason to fall back).

export interface ReadOptions {
  /** Refuse (TooLongError) rather than return more than this many bytes. */
  maxLength: number;
  signal?: AbortSignal;
  /** Bytes so far, as they arrive. */
  onChunk?(done: number): void;
}

export interface Transport {
  /** Human form of where a file lives, for messages ("https://…/metadata/timestamp.json"). */
  where(rel: string): string;
  /** The bytes of `rel` ("metadata/timestamp.json"), or undefined when the source has no such file. */
  read(rel: string, o: ReadOptions): Promise<Uint8Array | undefined>;
}

/** The source could not be reached or did not answer in time: the cache may stand in. */
export class UnreachableError extends Error {}

/** The source sent more than the signed (or configured) length allows. */
export class TooLongError extends Error {
  constructor(
    readonly rel: string,
    readonly maxLength: number,
  ) {
    super(`${rel} is longer than the ${maxLength} bytes allowed`);
  }
}

/** Collects a byte stream, refusing past maxLength; aborts surface as UnreachableError. */
export async function readCapped(stream: ReadableStream<Uint8Array>, rel: string, o: ReadOptions, onAbort: () => string): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let done = 0;
  try {
    for (;;) {
      const r = await reader.read();
      if (r.done) break;
      done += r.value.length;
      if (done > o.maxLength) throw new TooLongError(rel, o.maxLength);
      chunks.push(r.value);
      o.onChunk?.(done);
    }
  } catch (e) {
    if (e instanceof TooLongError) throw e;
    if (o.signal?.aborted) throw new UnreachableError(onAbort());
    throw new UnreachableError(`reading ${rel} failed: ${(e as Error).message}`);
  } finally {
    reader.cancel().catch(() => {});
  }
  const out = new Uint8Array(done);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.length;
  }
  return out;
}
