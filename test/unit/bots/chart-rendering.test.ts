import { chartElement } from '../../../bots/feishu/feishu-chart';
import { renderCard as feishuCard } from '../../../bots/feishu/feishu-card-renderer';
import { WebConversations } from '../../../bots/web/web-conversations';
import { WebMessenger } from '../../../bots/web/web-messenger';
import { CachedChartRenderer, EchartsRenderer } from '../../../src/charts';
import { rankingChart, RANKING_CHART_TOP } from '../../../src/commands/ranking-chart';
import type { ChartRenderer, NeutralChart } from '../../../src/core/chart';
import { systemClock } from '../../../src/core/clock';
import { createLogger } from '../../../src/core/logger';
import type { NeutralCard } from '../../../src/core/neutral-card';
import type { WeeklyRanking } from '../../../src/services/ranking';
import { checkCard } from '../../fakes/feishu-server/fake-feishu-cards';

const chart: NeutralChart = { title: '一组本周 A/B 客户', kind: 'bar', unit: 'A/B 客户', categories: ['张伟', '<b>李娜</b>'], series: [{ name: 'A/B 客户', values: [3, 1] }] };
const card: NeutralCard = { title: '一组周排名', fields: [{ label: '1. 张伟', value: '有效电话 12' }], chart };

describe('the ranking chart', () => {
  const row = (i: number) => ({ rank: i + 1, employeeId: i, no: `E${i}`, name: `员工${i}`, teamId: 1, teamName: '一组', validCalls: 10 - i, leadsA: 1, leadsB: i % 2, leads: 1 + (i % 2), points: 0, previousRank: null, change: null });
  test('the leads of the first places, in ranking order; none when nobody is ranked', () => {
    const r: WeeklyRanking = { scope: { kind: 'company' }, teamName: null, monday: '2026-11-30', sunday: '2026-12-06', rows: Array.from({ length: 20 }, (_, i) => row(i)) };
    const c = rankingChart(r)!;
    expect(c).toMatchObject({ kind: 'bar', title: `全公司本周 A/B 客户（前 ${RANKING_CHART_TOP} 名）` });
    expect(c.categories).toEqual(r.rows.slice(0, RANKING_CHART_TOP).map((x) => x.name));
    expect(c.series[0].values).toEqual(r.rows.slice(0, RANKING_CHART_TOP).map((x) => x.leads));
    expect(rankingChart({ ...r, rows: [] })).toBeUndefined();
    // Two agents of one name stay two bars.
    const twins = rankingChart({ ...r, rows: [{ ...row(0), name: '张伟' }, { ...row(1), name: '张伟' }] })!;
    expect(twins.categories).toEqual(['张伟（E0）', '张伟（E1）']);
  });
});

describe('Feishu: a chart as a card 2.0 chart element', () => {
  test('a VChart spec of the data rows, which the fake (Feishu’s documented fields) takes', () => {
    const el = chartElement(chart);
    expect(el).toMatchObject({ tag: 'chart', aspect_ratio: '16:9', color_theme: 'brand', chart_spec: { type: 'bar', xField: 'category', yField: 'value', seriesField: 'series' } });
    expect((el.chart_spec as any).data[0].values).toEqual([{ category: '张伟', series: 'A/B 客户', value: 3 }, { category: '<b>李娜</b>', series: 'A/B 客户', value: 1 }]);
    expect(checkCard(feishuCard(card))).toBeUndefined();
    for (const kind of ['line', 'stacked'] as const) expect(checkCard(feishuCard({ ...card, chart: { ...chart, kind, series: [...chart.series, { name: '有效电话', values: [5, 6] }] } }))).toBeUndefined();
    expect((chartElement({ ...chart, series: [...chart.series, { name: 'b', values: [1, 2] }] }).chart_spec as any).xField).toEqual(['category', 'series']);
  });

  test('the fake refuses a chart Feishu would not draw', () => {
    const base = feishuCard(card) as any;
    const withChart = (patch: (el: any) => void) => {
      const copy = JSON.parse(JSON.stringify(base));
      patch(copy.body.elements.find((e: any) => e.tag === 'chart'));
      return checkCard(copy);
    };
    expect(withChart((el) => (el.aspect_ratio = '3:1'))).toMatchObject({ code: 230099 });
    expect(withChart((el) => (el.chart_spec.yField = 'leads'))).toMatchObject({ code: 230099 });
    expect(withChart((el) => delete el.chart_spec.type)).toMatchObject({ code: 230099 });
    expect(withChart((el) => (el.chart_spec.data = []))).toMatchObject({ code: 230099 });
    expect(withChart((el) => (el.unknown = 1))).toMatchObject({ code: 230099 });
  });
});

describe('web chat: a card’s chart inline', () => {
  const logger = createLogger({ level: 'silent' });
  test('an <img> of the SVG as a data: URL, with the chart’s title as alt; names escaped inside the SVG', async () => {
    const conversations = new WebConversations();
    const web = new WebMessenger(conversations, systemClock, logger, undefined, new EchartsRenderer());
    const { messageId } = await web.send({ kind: 'user', externalId: 'u1' }, { kind: 'card', card: { ...card, chart: { ...chart, title: '"><script>x</script>' } } });
    const html = conversations.get(messageId!)!.html;
    const m = /<img class="card-chart" src="data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)" alt="&quot;&gt;&lt;script&gt;x&lt;\/script&gt;">/.exec(html);
    expect(m).not.toBeNull();
    const svg = Buffer.from(m![1], 'base64').toString('utf8');
    expect(svg).toContain('&lt;b&gt;李娜&lt;/b&gt;');
    expect(svg).not.toMatch(/<script|<b>/);
  });

  test('a renderer that fails leaves the card as text', async () => {
    const conversations = new WebConversations();
    const broken: ChartRenderer = { svg: () => { throw new Error('boom'); }, png: () => { throw new Error('boom'); } };
    const { messageId } = await new WebMessenger(conversations, systemClock, logger, undefined, broken).send({ kind: 'user', externalId: 'u1' }, { kind: 'card', card });
    expect(conversations.get(messageId!)!.html).not.toContain('<img');
    expect(conversations.get(messageId!)!.html).toContain('有效电话 12');
  });
});

describe('the cached renderer', () => {
  test('draws a chart once per size, and the oldest drawing goes first', () => {
    let drawn = 0;
    const inner: ChartRenderer = { svg: () => `<svg>${++drawn}</svg>`, png: () => Buffer.from([++drawn]) };
    const cached = new CachedChartRenderer(inner, 2);
    expect(cached.svg(chart)).toBe(cached.svg(chart));
    expect(cached.png(chart)).toBe(cached.png(chart));
    expect(drawn).toBe(2);
    cached.svg(chart, { width: 300, height: 200 }); // evicts the first svg
    cached.svg(chart);
    expect(drawn).toBe(4);
  });
});
