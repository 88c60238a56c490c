import { writeFileSync } from 'node:fs';
import { EchartsRenderer } from '../../../src/charts';
import { ChartInputError, CHART_LIMITS } from '../../../src/charts/chart-bounds';
import { cleanSvg } from '../../../src/charts/svg-clean';
import type { NeutralChart } from '../../../src/core/chart';

const days = Array.from({ length: 31 }, (_, i) => `12-${String(i + 1).padStart(2, '0')}`);
const stacked: NeutralChart = {
  title: '一组 本月迟到和缺勤',
  kind: 'stacked',
  unit: '人次',
  categories: days,
  series: [
    { name: '迟到', values: days.map((_, i) => i % 3) },
    { name: '缺勤', values: days.map((_, i) => i % 2) },
  ],
};

describe('EchartsRenderer', () => {
  const renderer = new EchartsRenderer();

  it.each(['line', 'bar', 'stacked'] as const)('draws a %s chart as a standalone SVG with its title, series and categories', (kind) => {
    const svg = renderer.svg({ ...stacked, kind, series: [{ name: '张伟', values: days.map((_, i) => i) }, { name: '李娜', values: days.map(() => 2) }] }, { width: 640, height: 320 });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('width="640"');
    expect(svg).toContain('一组 本月迟到和缺勤');
    expect(svg).toContain('>张伟</text>');
    expect(svg).toContain('>李娜</text>');
    expect(svg).toContain('>12-01</text>');
    expect(svg).toContain('人次');
  });

  it('leaves nothing a strict CSP blocks: no <style>, no style attributes, no script', () => {
    const svg = renderer.svg(stacked);
    expect(svg).not.toMatch(/<style|\sstyle=|<script|ecmeta_/i);
    expect(svg).toMatch(/font-family="[^"]*WenQuanYi Micro Hei/);
  });

  it('escapes names, categories and the title', () => {
    const svg = renderer.svg({ title: '<script>alert(1)</script>', kind: 'bar', categories: ['<img src=x onerror=alert(1)>', '"q"&'], series: [{ name: '</text><script>x()</script>', values: [1, 2] }] });
    expect(svg).not.toMatch(/<script|<img/i);
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(svg).toContain('&lt;/text&gt;&lt;script&gt;x()&lt;/script&gt;');
  });

  it('bounds its inputs: too many categories or series, values that are not numbers, a wrong length', () => {
    const base = { title: 't', kind: 'bar' as const };
    const many = Array.from({ length: CHART_LIMITS.categories + 1 }, (_, i) => String(i));
    expect(() => renderer.svg({ ...base, categories: many, series: [{ name: 'a', values: many.map(() => 1) }] })).toThrow(ChartInputError);
    expect(() => renderer.svg({ ...base, categories: ['a'], series: Array.from({ length: CHART_LIMITS.series + 1 }, (_, i) => ({ name: String(i), values: [1] })) })).toThrow(ChartInputError);
    expect(() => renderer.svg({ ...base, categories: ['a'], series: [{ name: 'a', values: [Number.NaN] }] })).toThrow(ChartInputError);
    expect(() => renderer.svg({ ...base, categories: ['a', 'b'], series: [{ name: 'a', values: [1] }] })).toThrow(ChartInputError);
    expect(renderer.svg({ ...base, categories: ['a'], series: [{ name: 'a', values: [1] }] }, { width: 1e9, height: -5 })).toMatch(/^<svg width="2000" height="160"/);
  });

  it('draws an empty chart (no series) without failing', () => {
    expect(renderer.svg({ title: '空', kind: 'line', categories: [], series: [] })).toContain('空');
  });

  it('renders the same drawing as a PNG', () => {
    const png = renderer.png(stacked);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBe(720);
    expect(png.readUInt32BE(20)).toBe(360);
    if (process.env.CHART_PNG_OUT) writeFileSync(process.env.CHART_PNG_OUT, png);
  });

  it('disposes every chart: drawing leaves no timer behind (an undisposed ECharts instance keeps the process alive)', async () => {
    const tick = () => new Promise((resolve) => setTimeout(resolve, 250));
    renderer.png(stacked); // warm: what loading the libraries sets up once
    await tick();
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout' || r === 'Immediate').length;
    const before = timers();
    for (let i = 0; i < 5; i++) {
      renderer.svg(stacked);
      renderer.png({ ...stacked, kind: 'line' });
    }
    // zrender's frame timer of a disposed instance fires once, does nothing and is gone; an
    // undisposed one re-arms forever (checked by hand: node never exits).
    await tick();
    expect(timers()).toBe(before);
  });

  it('refuses markup that must not reach a page', () => {
    expect(() => cleanSvg('<svg><script>x</script></svg>')).toThrow();
    expect(() => cleanSvg('<svg><rect onload="x()"/></svg>')).toThrow();
    expect(cleanSvg('<svg><text style="font-size:12px;font-family:A B;color:red">a</text><style >.x{}</style></svg>')).toBe('<svg><text font-size="12px" font-family="A B">a</text></svg>');
  });
});
