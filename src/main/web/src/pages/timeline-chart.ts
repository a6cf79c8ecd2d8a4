import { svg } from 'lit';
import { formatTime } from '../lib/format';
import type { Participant } from '../lib/model';

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { left: 36, right: 12, top: 12, bottom: 28 };
const BUCKETS_MINUTES = [1, 2, 5, 10, 15, 30, 60];

/** The bucket size that gives at most about 24 bars over the span. */
export function bucketMinutes(spanMs: number): number {
  return BUCKETS_MINUTES.find((minutes) => spanMs / (minutes * 60_000) <= 24) ?? 60;
}

/**
 * Arrivals over time, drawn by hand in SVG: bars of check-ins per bucket, and a line of everyone
 * present so far. The span runs from the event's start (or the first arrival) to now, within
 * the event's end.
 */
export function timelineChart(present: Participant[], startsAt: string, endsAt: string, now: number) {
  const times = present.map((p) => Date.parse(p.recordedAt)).sort((a, b) => a - b);
  const from = Math.min(Date.parse(startsAt), times[0] ?? Infinity);
  const to = Math.max(Math.min(now, Date.parse(endsAt)), times[times.length - 1] ?? 0, from + 10 * 60_000);
  const minutes = bucketMinutes(to - from);
  const size = minutes * 60_000;
  const first = Math.floor(from / size) * size;
  const count = Math.max(1, Math.ceil((to - first) / size));
  const bars = new Array<number>(count).fill(0);
  for (const time of times) bars[Math.min(count - 1, Math.floor((time - first) / size))] += 1;
  const maxBar = Math.max(1, ...bars);
  const total = times.length;
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (time: number) => PAD.left + ((time - first) / (count * size)) * plotW;
  const yTotal = (n: number) => PAD.top + plotH - (n / Math.max(1, total)) * plotH;
  const barW = plotW / count;
  let running = 0;
  const points = [`${x(first)},${yTotal(0)}`];
  for (const time of times) {
    points.push(`${x(time)},${yTotal(running)}`);
    running += 1;
    points.push(`${x(time)},${yTotal(running)}`);
  }
  points.push(`${x(Math.max(to, times[times.length - 1] ?? to))},${yTotal(running)}`);
  const labelEvery = Math.ceil(count / 6);
  return {
    minutes,
    chart: svg`<svg class="timeline" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-hidden="true" focusable="false">
      <line class="timeline__axis" x1=${PAD.left} y1=${PAD.top + plotH} x2=${WIDTH - PAD.right} y2=${PAD.top + plotH}></line>
      ${bars.map((n, i) => {
        const h = (n / maxBar) * plotH * 0.9;
        return svg`<rect class="timeline__bar" x=${PAD.left + i * barW + 1} y=${PAD.top + plotH - h}
          width=${Math.max(1, barW - 2)} height=${h}></rect>`;
      })}
      <polyline class="timeline__total" points=${points.join(' ')}></polyline>
      <text class="timeline__label" x=${PAD.left - 6} y=${PAD.top + 10} text-anchor="end">${total}</text>
      <text class="timeline__label" x=${PAD.left - 6} y=${PAD.top + plotH} text-anchor="end">0</text>
      ${bars.map((_, i) =>
        i % labelEvery === 0
          ? svg`<text class="timeline__label" x=${PAD.left + i * barW} y=${HEIGHT - 8}>${formatTime(new Date(first + i * size))}</text>`
          : null,
      )}
    </svg>`,
  };
}
