import cliProgress from 'cli-progress';

export interface ImportProgress {
  onProgress: (file: string, bytesRead: number, totalBytes: number) => void;
  /** Stops drawing; call before printing the report. */
  stop: () => void;
}

/**
 * One progress bar per file (bytes read of its size) when `stream` is a terminal; nothing at all
 * otherwise, so logs and pipes stay clean.
 */
export function createImportProgress(stream: NodeJS.WriteStream = process.stdout): ImportProgress {
  if (!stream.isTTY) return { onProgress: () => {}, stop: () => {} };
  const bars = new cliProgress.MultiBar(
    {
      stream,
      format: ' {bar} {percentage}% | {file} | {done}/{size} MB',
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  const byFile = new Map<string, cliProgress.SingleBar>();
  const mb = (bytes: number) => (bytes / 1_048_576).toFixed(1);
  return {
    onProgress(file, bytesRead, totalBytes) {
      let bar = byFile.get(file);
      if (!bar) {
        bar = bars.create(Math.max(totalBytes, 1), 0, { file, done: mb(0), size: mb(totalBytes) });
        byFile.set(file, bar);
      }
      // An empty file is reported once, when done: show it complete.
      bar.update(totalBytes === 0 ? 1 : Math.min(bytesRead, totalBytes), { done: mb(bytesRead) });
    },
    stop: () => bars.stop(),
  };
}
