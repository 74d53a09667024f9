import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Appends text to a file through a buffer, waiting for the stream to drain so that generating
 * 100k customers never holds more than one buffer per file in memory.
 */
export class BufferedFileWriter {
  private readonly stream: fs.WriteStream;
  private buffer = '';
  lines = 0;

  constructor(readonly file: string) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    this.stream = fs.createWriteStream(file, { encoding: 'utf8' });
  }

  /** Adds one line (without its newline); call `flushIfFull` between customers. */
  line(text: string): void {
    this.buffer += `${text}\n`;
    this.lines += 1;
  }

  async flushIfFull(limit = 1 << 16): Promise<void> {
    if (this.buffer.length >= limit) await this.flush();
  }

  async flush(): Promise<void> {
    if (!this.buffer) return;
    const chunk = this.buffer;
    this.buffer = '';
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
  }
}

/** RFC 4180 quoting: only cells holding a comma, quote or line break are quoted. */
export function csvCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly (string | number | undefined)[]): string {
  return values.map(csvCell).join(',');
}
