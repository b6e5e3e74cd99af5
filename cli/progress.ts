/** A one-line progress indicator on stderr, shown only on a terminal and at most four times a second. */
export class Progress {
  private fileCount = 0;
  private count = 0;
  private lastDraw = 0;
  private drawn = false;
  private readonly began = performance.now();
  private readonly enabled: boolean;

  constructor(wanted: boolean) {
    this.enabled = wanted && process.stderr.isTTY === true;
  }

  /** Sets the number of input files. */
  files(count: number): void {
    this.fileCount = count;
    this.draw();
  }

  /** Counts more records read. */
  records(n: number): void {
    this.count += n;
    this.draw();
  }

  /** Clears the progress line. */
  done(): void {
    if (this.drawn) process.stderr.write('\r\x1b[2K');
  }

  private draw(): void {
    if (!this.enabled) return;
    const now = performance.now();
    if (now - this.lastDraw < 250) return;
    this.lastDraw = now;
    this.drawn = true;
    const rate = Math.round(this.count / Math.max((now - this.began) / 1000, 0.001));
    process.stderr.write(
      `\r\x1b[2Kanalyzing ${this.fileCount.toLocaleString('en-US')} files, ${this.count.toLocaleString('en-US')} records (${rate.toLocaleString('en-US')}/s)`,
    );
  }
}
