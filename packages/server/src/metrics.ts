/**
 * Counters and a latency histogram for `GET /metrics`, rendered in the Prometheus text format.
 * One {@link Metrics} per server instance (no module-level state).
 */

/** Upper bounds (seconds) of the store latency histogram buckets. */
const BUCKETS = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

class Histogram {
  readonly counts = new Array<number>(BUCKETS.length).fill(0);
  sum = 0;
  count = 0;
  observe(seconds: number): void {
    this.sum += seconds;
    this.count++;
    for (let i = 0; i < BUCKETS.length; i++) if (seconds <= BUCKETS[i]!) this.counts[i]!++;
  }
}

/**
 * One counter (one name and label set). Hot paths keep the handle from {@link Metrics.counter}
 * and add to `value` directly, so counting a message builds no key string.
 */
export class Counter {
  value = 0;
}

/** Labelled counters, keyed by `name{labels}`. */
export class Metrics {
  private readonly counters = new Map<string, Counter>();
  /** Handles of the counters touched for every message (no key lookup on the hot path). */
  readonly hot = {
    messagesSent: this.counter('huishen_messages_sent_total'),
    bytesSent: this.counter('huishen_bytes_sent_total'),
    bytesReceived: this.counter('huishen_bytes_received_total'),
    received: {
      'sync-step1': this.counter('huishen_messages_received_total', 'kind="sync-step1"'),
      'sync-step2': this.counter('huishen_messages_received_total', 'kind="sync-step2"'),
      update: this.counter('huishen_messages_received_total', 'kind="update"'),
      awareness: this.counter('huishen_messages_received_total', 'kind="awareness"'),
      'query-awareness': this.counter('huishen_messages_received_total', 'kind="query-awareness"'),
      bad: this.counter('huishen_messages_received_total', 'kind="bad"'),
    },
    updatesAccepted: this.counter('huishen_updates_accepted_total'),
    updatesNoop: this.counter('huishen_updates_noop_total'),
    appends: this.counter('huishen_store_appends_total'),
    appendedUpdates: this.counter('huishen_store_appended_updates_total'),
  };
  /** Store append latency. */
  readonly appendSeconds = new Histogram();
  /** Store load latency. */
  readonly loadSeconds = new Histogram();

  /** The handle of a counter (created at 0); `labels` must already be rendered (`type="sync"`). */
  counter(name: string, labels = ''): Counter {
    const key = labels ? `${name}{${labels}}` : name;
    let c = this.counters.get(key);
    if (!c) this.counters.set(key, (c = new Counter()));
    return c;
  }

  /** Adds `by` to a counter (for rare events; hot paths keep a {@link counter} handle). */
  inc(name: string, labels = '', by = 1): void {
    this.counter(name, labels).value += by;
  }

  /** Reads a counter (tests). */
  get(name: string, labels = ''): number {
    return this.counters.get(labels ? `${name}{${labels}}` : name)?.value ?? 0;
  }

  /** Prometheus text exposition; `gauges` are sampled by the caller at scrape time. */
  render(gauges: Record<string, number>): string {
    const lines: string[] = [];
    const typed = new Set<string>();
    for (const [name, value] of Object.entries(gauges)) {
      lines.push(`# TYPE ${name} gauge`, `${name} ${value}`);
    }
    for (const [key, { value }] of [...this.counters].sort(([a], [b]) => a.localeCompare(b))) {
      const name = key.split('{')[0]!;
      if (!typed.has(name)) {
        typed.add(name);
        lines.push(`# TYPE ${name} counter`);
      }
      lines.push(`${key} ${value}`);
    }
    for (const [name, h] of [
      ['huishen_store_append_seconds', this.appendSeconds],
      ['huishen_store_load_seconds', this.loadSeconds],
    ] as const) {
      lines.push(`# TYPE ${name} histogram`);
      BUCKETS.forEach((le, i) => lines.push(`${name}_bucket{le="${le}"} ${h.counts[i]}`));
      lines.push(`${name}_bucket{le="+Inf"} ${h.count}`, `${name}_sum ${h.sum}`, `${name}_count ${h.count}`);
    }
    return lines.join('\n') + '\n';
  }
}

/** Where the server writes what it has to say. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** A logger printing one JSON line per event to stderr (info is printed only when `verbose`). */
export function consoleLogger(verbose = false): Logger {
  const line = (level: string, message: string, fields?: Record<string, unknown>): void => {
    process.stderr.write(JSON.stringify({ t: new Date().toISOString(), level, message, ...fields }) + '\n');
  };
  return {
    info: (m, f) => verbose && line('info', m, f),
    warn: (m, f) => line('warn', m, f),
    error: (m, f) => line('error', m, f),
  };
}

/** A logger that drops everything (tests). */
export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
