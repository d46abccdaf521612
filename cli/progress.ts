/** Progress for long work: a rewritten line on a terminal, an occasional plain line otherwise. */
export class Progress {
  private lastPrint = 0;
  private readonly tty = process.stderr.isTTY === true;

  constructor(private readonly label: string, private readonly intervalMs = 2000) {}

  update(done: number, total: number, extra = ''): void {
    const now = Date.now();
    if (now - this.lastPrint < (this.tty ? 200 : this.intervalMs)) return;
    this.lastPrint = now;
    const line = `${this.label}: ${done}/${total} (${((100 * done) / total).toFixed(1)}%)${extra ? ' ' + extra : ''}`;
    process.stderr.write(this.tty ? `\r${line}\x1b[K` : `${line}\n`);
  }

  done(): void {
    if (this.tty && this.lastPrint > 0) process.stderr.write('\r\x1b[K');
  }
}
