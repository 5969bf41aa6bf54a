/**
 * Counts local changes the room server has not yet confirmed as saved.
 *
 * How to think about it: the server numbers every document write a connection sends (each sync
 * step 2 and each update frame, from 1 per connection) and answers **saved** n once writes 1..n
 * are durable. Local changes wait in `pending` until a write carries them; the write that does
 * takes them all (an update frame carries the change that produced it; the step 2 sent after a
 * reconnect carries everything the server lacks). A dropped connection loses the numbering, so
 * its unconfirmed writes go back to `pending`: the next connection's step 2 carries them again.
 */
export class WriteTracker {
  private pending = 0;
  private writes = 0;
  private inflight: Array<{ write: number; changes: number }> = [];

  /** Called after every count change with the new total. */
  constructor(private readonly onChange: (unsaved: number) => void) {}

  /** Local changes not yet confirmed by the server. */
  get unsaved(): number {
    return this.inflight.reduce((sum, w) => sum + w.changes, this.pending);
  }

  /** A local change was made (it is not yet sent). */
  change(): void {
    this.pending++;
    this.onChange(this.unsaved);
  }

  /** A new connection opened: numbering restarts, unconfirmed writes are pending again. */
  connectionOpened(): void {
    this.writes = 0;
    this.pending = this.unsaved;
    this.inflight = [];
  }

  /** A document write frame was sent on the current connection: it carries every pending change. */
  writeSent(): void {
    this.writes++;
    if (this.pending > 0) {
      this.inflight.push({ write: this.writes, changes: this.pending });
      this.pending = 0;
    }
  }

  /** The server's **saved** n: writes 1..n of this connection are settled. */
  saved(n: number): void {
    const before = this.inflight.length;
    this.inflight = this.inflight.filter((w) => w.write > n);
    if (this.inflight.length !== before) this.onChange(this.unsaved);
  }
}

/** True when a frame a client sends is a document write (sync step 2 or update), as the server counts. */
export function isDocumentWrite(frame: Uint8Array): boolean {
  // [varUint type=0 sync][varUint sub-type 1 step 2 | 2 update]: both are single bytes.
  return frame.length >= 2 && frame[0] === 0 && (frame[1] === 1 || frame[1] === 2);
}
