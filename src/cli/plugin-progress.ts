// A download progress bar on stderr, drawn only at a terminal (a pipe gets nothing), redrawn
// at most every 50 ms and once at the end.

const size = (n: number) => (n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 / 1024).toFixed(1)} MiB`);

export function progressBar(label: string, stream: { isTTY?: boolean; write(s: string): unknown } = process.stderr) {
  let last = 0;
  let drawn = false;
  const draw = (done: number, total: number) => {
    const width = 24;
    const frac = total > 0 ? Math.min(1, done / total) : 1;
    const fill = Math.round(frac * width);
    stream.write(`\r${label} [${"#".repeat(fill)}${" ".repeat(width - fill)}] ${String(Math.round(frac * 100)).padStart(3)}% ${size(done)}/${size(total)}`);
    drawn = true;
  };
  return {
    onProgress(done: number, total: number) {
      if (!stream.isTTY) return;
      const now = Date.now();
      if (done < total && now - last < 50) return;
      last = now;
      draw(done, total);
    },
    /** Ends the bar's line, when one was drawn. */
    done() {
      if (drawn) stream.write("\n");
    },
  };
}
