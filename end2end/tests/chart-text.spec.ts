import { test, expect, type Page } from '@playwright/test';
import { openHydrated, paintCharts } from './fixtures';

// The charts read well on a phone and on a presenter's wide screen: every text painted on a
// chart's canvas is measured where it lands (with the page's own font, through the canvas's
// transform, so rotated axis titles count too), and none may stick out of the canvas or overlap
// another.

type Box = { text: string; x0: number; x1: number; y0: number; y1: number };

async function recordTexts(page: Page) {
  await page.addInitScript(() => {
    const all = new Map<HTMLCanvasElement, Box[]>();
    (window as any).chartTexts = () =>
      [...all.entries()].filter(([c]) => c.isConnected).map(([c, boxes]) => ({ id: c.closest('figure')?.id ?? c.id, width: c.width, height: c.height, boxes }));
    const proto = CanvasRenderingContext2D.prototype;
    const fillRect = proto.fillRect;
    proto.fillRect = function (x: number, y: number, w: number, h: number) {
      // A paint starts with the whole canvas filled white: what was recorded before is gone.
      if (x <= 0 && y <= 0 && w >= this.canvas.width && h >= this.canvas.height) all.set(this.canvas, []);
      return fillRect.call(this, x, y, w, h);
    };
    const fillText = proto.fillText;
    proto.fillText = function (text: string, x: number, y: number, ...rest: any[]) {
      const s = String(text);
      if (s.trim() !== '') {
        const m = this.measureText(s);
        const [l, r, t, b] = [x - m.actualBoundingBoxLeft, x + m.actualBoundingBoxRight, y - m.actualBoundingBoxAscent, y + m.actualBoundingBoxDescent];
        const tf = this.getTransform();
        const pts = [[l, t], [r, t], [l, b], [r, b]].map(([px, py]) => [tf.a * px + tf.c * py + tf.e, tf.b * px + tf.d * py + tf.f]);
        const xs = pts.map((p) => p[0]);
        const ys = pts.map((p) => p[1]);
        const list = all.get(this.canvas) ?? [];
        list.push({ text: s, x0: Math.min(...xs), x1: Math.max(...xs), y0: Math.min(...ys), y1: Math.max(...ys) });
        all.set(this.canvas, list);
      }
      return (fillText as any).call(this, text, x, y, ...rest);
    };
  });
}

/** What is wrong with a chart's texts: those cut off by its edges and those that overlap. */
function problems(chart: { id: string; width: number; height: number; boxes: Box[] }): string[] {
  const found: string[] = [];
  const slack = 0.5;
  for (const b of chart.boxes) {
    if (b.x0 < -slack || b.y0 < -slack || b.x1 > chart.width + slack || b.y1 > chart.height + slack) {
      found.push(`${chart.id}: '${b.text}' cut at [${b.x0.toFixed(0)},${b.y0.toFixed(0)}–${b.x1.toFixed(0)},${b.y1.toFixed(0)}] of ${chart.width}×${chart.height}`);
    }
  }
  chart.boxes.forEach((a, i) => {
    for (const b of chart.boxes.slice(i + 1)) {
      const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
      const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
      if (w > 1 && h > 1) found.push(`${chart.id}: '${a.text}' overlaps '${b.text}'`);
    }
  });
  return found;
}

for (const [path, ready] of [['/regio', 9], ['/gemeente/GM0114', 5], ['/regio/noord?prijsklasse=sociale-huur', 6]] as const) {
  for (const width of [360, 1440]) {
    test(`at ${width} px no text on the charts of ${path} is cut off or overlaps another`, async ({ page }) => {
      await recordTexts(page);
      await page.setViewportSize({ width, height: 900 });
      await openHydrated(page, path);
      await paintCharts(page);
      await expect.poll(() => page.locator('.chart[data-painted="true"]').count()).toBeGreaterThanOrEqual(ready);
      const charts = await page.evaluate(() => (window as any).chartTexts());
      expect(charts.length).toBeGreaterThanOrEqual(ready);
      for (const c of charts) expect(c.boxes.length, `${c.id} has its texts`).toBeGreaterThan(3);
      expect(charts.flatMap(problems)).toEqual([]);
    });
  }
}
