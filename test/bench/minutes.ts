/**
 * Minutes benchmark (issue 8): `minutes.export` — a scripted session with 300 entries and 20
 * annotated pages (two generated 10-page PDFs, read from blob URLs and hash-checked), time from
 * `exportMinutes` to the finished HTML (pdf.js rendering and annotation painting included), in a
 * fresh Chromium tab per round; median of rounds. Reported, not judged (the issue sets no target).
 */
import { median, round, type BenchOptions, type BenchResult } from './stats.js';
import { timelineHarness } from './timeline/harness.js';

/** `minutes.export`. */
export async function benchMinutesExport(options: BenchOptions): Promise<BenchResult[]> {
  const h = await timelineHarness();
  try {
    const samples: { ms: number; htmlBytes: number; images: number }[] = [];
    for (let r = -1; r < options.rounds; r++) {
      const report = await h.run<{ ms: number; htmlBytes: number; images: number }>('bench.minutesExport(300, 20)');
      if (r >= 0) samples.push(report);
    }
    const ms = median(samples.map((s) => s.ms));
    options.log(`  minutes export: ${ms.toFixed(0)} ms (${samples[0]?.images} page images, ${Math.round((samples[0]?.htmlBytes ?? 0) / 1024)} KiB of HTML)`);
    return [
      {
        id: 'minutes.export',
        ours: round(ms),
        unit: 'ms',
        details: { entries: 300, annotatedPages: 20, images: samples[0]?.images, htmlBytes: samples[0]?.htmlBytes, samples: samples.map((s) => round(s.ms)) },
      },
    ];
  } finally {
    await h.close();
  }
}
benchMinutesExport.benchIds = ['minutes.export'] as const;
