import type { ChartRenderer, NeutralChart } from '../core/chart';

/**
 * A renderer that remembers its last drawings. Why: one chart often goes to many people (the
 * Friday ranking of a team without a group chat is one outbox row per member), and drawing a PNG
 * takes tens of milliseconds; the same chart at the same size gives the same picture.
 */
export class CachedChartRenderer implements ChartRenderer {
  private readonly drawn = new Map<string, string | Buffer>();

  constructor(
    private readonly inner: ChartRenderer,
    private readonly maxEntries = 16,
  ) {}

  svg(chart: NeutralChart, size?: { width: number; height: number }): string {
    return this.remember(`svg|${size?.width}x${size?.height}|${JSON.stringify(chart)}`, () => this.inner.svg(chart, size)) as string;
  }

  png(chart: NeutralChart, size?: { width: number; height: number }): Buffer {
    return this.remember(`png|${size?.width}x${size?.height}|${JSON.stringify(chart)}`, () => this.inner.png(chart, size)) as Buffer;
  }

  private remember(key: string, draw: () => string | Buffer): string | Buffer {
    const known = this.drawn.get(key);
    if (known !== undefined) {
      // Most recently used last: the oldest is the first key.
      this.drawn.delete(key);
      this.drawn.set(key, known);
      return known;
    }
    const made = draw();
    this.drawn.set(key, made);
    if (this.drawn.size > this.maxEntries) this.drawn.delete(this.drawn.keys().next().value as string);
    return made;
  }
}
