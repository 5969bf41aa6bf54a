/**
 * Timeline benchmark (issue 8): `timeline.render-5k`. A room with 5,000 entries, opened in a fresh
 * Chromium tab: time until the first paint, then a scroll end to end, a viewport per frame.
 * Anchor: the same 5,000 entries as a plain, non-virtualised list (every row in the DOM), in the
 * same run. Rounds alternate the order of the two sides; medians are reported.
 *
 * - `timeline.render-5k`: first paint, ms. Target: ours ≤ 200 ms and ours/anchor ≤ 0.2.
 * - `timeline.render-5k.frame`: p50 of the frame intervals while scrolling (details: the p50 of
 *   the synchronous work per scroll step, rows in the DOM).
 */
import { median, quantile, round, type BenchOptions, type BenchResult } from './stats.js';
import { timelineHarness } from './timeline/harness.js';
import type { RenderReport } from './timeline/page.js';

const ENTRIES = 5000;

/** `timeline.render-5k` and `timeline.render-5k.frame`. */
export async function benchTimelineRender5k(options: BenchOptions): Promise<BenchResult[]> {
  const h = await timelineHarness();
  try {
    const runs = { ours: [] as RenderReport[], anchor: [] as RenderReport[] };
    for (let r = -1; r < options.rounds; r++) {
      const order = r % 2 === 0 ? (['ours', 'anchor'] as const) : (['anchor', 'ours'] as const);
      for (const side of order) {
        const report = await h.run<RenderReport>(side === 'ours' ? `bench.renderOurs(${ENTRIES})` : `bench.renderAnchor(${ENTRIES})`);
        if (r >= 0) runs[side].push(report);
      }
    }
    const first = (side: 'ours' | 'anchor') => median(runs[side].map((x) => x.firstPaint));
    const frame = (side: 'ours' | 'anchor') => median(runs[side].map((x) => quantile(x.frames, 0.5)));
    const step = (side: 'ours' | 'anchor') => median(runs[side].map((x) => quantile(x.steps, 0.5)));
    const [fo, fa] = [first('ours'), first('anchor')];
    options.log(`  first paint: ours ${fo.toFixed(0)} ms, anchor ${fa.toFixed(0)} ms; p50 frame ours ${frame('ours').toFixed(1)} ms, anchor ${frame('anchor').toFixed(1)} ms`);
    return [
      {
        id: 'timeline.render-5k',
        ours: round(fo),
        anchor: round(fa),
        ratio: round(fo / fa),
        unit: 'ms',
        target: 'ours ≤ 200 ms and ratio ≤ 0.2',
        met: fo <= 200 && fo / fa <= 0.2,
        details: {
          entries: ENTRIES,
          domRows: { ours: runs.ours[0]?.domRows, anchor: runs.anchor[0]?.domRows },
          samples: { ours: runs.ours.map((x) => round(x.firstPaint)), anchor: runs.anchor.map((x) => round(x.firstPaint)) },
        },
      },
      {
        id: 'timeline.render-5k.frame',
        ours: round(frame('ours')),
        anchor: round(frame('anchor')),
        ratio: round(frame('ours') / frame('anchor')),
        unit: 'ms',
        details: {
          p50StepWork: { ours: round(step('ours')), anchor: round(step('anchor')) },
          p99Frame: { ours: round(median(runs.ours.map((x) => quantile(x.frames, 0.99)))), anchor: round(median(runs.anchor.map((x) => quantile(x.frames, 0.99)))) },
          steps: runs.ours[0]?.steps.length,
        },
      },
    ];
  } finally {
    await h.close();
  }
}
benchTimelineRender5k.benchIds = ['timeline.render-5k', 'timeline.render-5k.frame'] as const;
