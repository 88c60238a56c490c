import fc from 'fast-check';
import { CallbackAnswerGate } from '../../../../bots/feishu/feishu-answer-gate';
import { cardElements, cardFits, CARD_MAX_BYTES, contentBytes, escapedBytes, splitText } from '../../../../bots/feishu/feishu-card-limits';
import { renderCard } from '../../../../bots/feishu/feishu-card-renderer';
import { firstPartOnly, splitCard } from '../../../../bots/feishu/feishu-card-splitter';
import { deliveryError } from '../../../../bots/feishu/feishu-delivery-errors';
import { FeishuApiError } from '../../../../bots/feishu/feishu-api-client';
import type { CardButton, NeutralCard } from '../../../../src/core/neutral-card';
import { checkCard, contentBytes as fakeBytes, FAKE_CARD_MAX_BYTES } from '../../../fakes/feishu-server/fake-feishu-cards';

/** Text as the bot writes it: Chinese, digits, punctuation, the odd emoji and escaped characters. */
const text = (maxLength: number) => fc.string({ unit: fc.constantFrom(...'张王李赵刘伟娜强敏一二三有效电话积分组 ·、：（）ABC123"\\😀'), maxLength, size: 'max' });
const button = (i: number): CardButton => ({ label: `按钮${i}`, actionId: `leave.approve`, value: { id: String(i) }, style: 'primary', command: `同意 L${i}` });
const cards = fc.record({
  title: text(40).map((t) => `标题${t}`),
  fields: fc.integer({ min: 0, max: 700 }).chain((n) => fc.array(fc.record({ label: text(12), value: fc.oneof({ weight: 40, arbitrary: text(40) }, { weight: 1, arbitrary: text(12_000) }) }), { minLength: n, maxLength: n })),
  text: fc.option(fc.integer({ min: 0, max: 300 }).chain((n) => fc.array(text(200), { minLength: n, maxLength: n })).map((lines) => lines.join('\n')), { nil: undefined }),
  footer: fc.option(text(100), { nil: undefined }),
  buttons: fc.option(fc.integer({ min: 1, max: 3 }).map((n) => Array.from({ length: n }, (_, i) => button(i))), { nil: undefined }),
}) as fc.Arbitrary<NeutralCard>;

/** What Feishu accepts: the strict fake's own checks, on the bytes it counts. */
const feishuTakes = (card: NeutralCard) => {
  const json = renderCard(card);
  return fakeBytes(JSON.stringify(json)) <= FAKE_CARD_MAX_BYTES && checkCard(json) === undefined;
};

describe('Feishu card limits (docs/platforms/feishu.md §3.2: 30 KB, 200 components)', () => {
  test('property: a split card is parts Feishu takes, in order, nothing lost; buttons on the first part, footer on the last', () => {
    let split = 0;
    fc.assert(
      fc.property(cards, (card) => {
        const parts = splitCard(card);
        for (const p of parts) {
          expect(cardFits(renderCard(p))).toBe(true);
          expect(feishuTakes(p)).toBe(true);
        }
        if (parts.length === 1) return expect(parts[0]).toBe(card);
        split += 1;
        parts.forEach((p, i) => {
          expect(p.title).toBe(`${card.title}（${i + 1}/${parts.length}）`);
          expect(Boolean(p.buttons)).toBe(i === 0 && Boolean(card.buttons));
          expect(p.footer || undefined).toBe(i === parts.length - 1 ? card.footer || undefined : undefined);
        });
        // Every field in order (a continued field is its pieces in a row), every text line in order.
        const fields = parts.flatMap((p) => p.fields).reduce<Array<{ label: string; value: string }>>((acc, f) => {
          if (f.label.endsWith('（续）') && acc.length && `${acc[acc.length - 1].label}（续）` === f.label) acc[acc.length - 1] = { ...acc[acc.length - 1], value: acc[acc.length - 1].value + f.value };
          else acc.push({ ...f });
          return acc;
        }, []);
        expect(fields).toEqual(card.fields);
        const lines = parts.map((p) => p.text ?? '').filter(Boolean).join('\n');
        expect(lines.replace(/\n/g, '')).toBe((card.text ?? '').replace(/\n/g, ''));
      }),
      // Why no shrinking: the cards are large, and a counterexample is readable as it is.
      { numRuns: 40, endOnFailure: true },
    );
    expect(split).toBeGreaterThan(5);
  });

  test('the weekly ranking of 300 rows (30.6 KB as one card) goes as two cards', () => {
    const fields = Array.from({ length: 300 }, (_, i) => ({ label: `${i + 1}. 张伟${i}（E${String(i).padStart(4, '0')}，电销${i % 30}组）`, value: '有效电话 12 · A/B 1（A1 B0）· 积分 −2 · ↑3' }));
    const card: NeutralCard = { title: '全公司周排名（11月30日–12月6日）', tone: 'info', fields, text: '排序：有效电话 → A/B → 积分 → 工号（H-6）。' };
    expect(cardFits(renderCard(card))).toBe(false);
    const parts = splitCard(card);
    expect(parts.map((p) => p.title)).toEqual(['全公司周排名（11月30日–12月6日）（1/2）', '全公司周排名（11月30日–12月6日）（2/2）']);
    expect(parts.flatMap((p) => p.fields)).toEqual(fields);
  });

  test('an update too big for one message keeps its first part, the buttons and a note', () => {
    const card: NeutralCard = { title: '大卡片', fields: Array.from({ length: 600 }, (_, i) => ({ label: `第${i}行`, value: '内容'.repeat(20) })), buttons: [button(1)], footer: '页脚' };
    const fitted = firstPartOnly(card);
    expect(feishuTakes(fitted)).toBe(true);
    expect(fitted.title).toBe('大卡片');
    expect(fitted.buttons).toEqual(card.buttons);
    expect(fitted.footer).toMatch(/^页脚\n（内容过长，仅显示第一部分，共 \d+ 部分）$/);
    const small: NeutralCard = { title: '小卡片', fields: [] };
    expect(firstPartOnly(small)).toBe(small);
  });

  test('components are counted the strict way: over 200 does not fit, whatever the bytes', () => {
    const many = { schema: '2.0', body: { elements: Array.from({ length: 201 }, () => ({ tag: 'hr' })) } };
    expect(cardElements(many)).toBe(201);
    expect(cardFits(many)).toBe(false);
    expect(cardElements({ schema: '2.0', body: { elements: [{ tag: 'div', text: { tag: 'plain_text', content: 'x' } }] } })).toBe(2);
  });

  test('property: text pieces each fit, are cut at line ends or between characters, and lose nothing', () => {
    fc.assert(
      fc.property(fc.array(text(300), { maxLength: 60 }), fc.integer({ min: 64, max: 2000 }), (lines, max) => {
        const whole = lines.join('\n');
        const pieces = splitText(whole, max);
        for (const p of pieces) expect(escapedBytes(p)).toBeLessThanOrEqual(max);
        expect(pieces.join('').replace(/\n/g, '')).toBe(whole.replace(/\n/g, ''));
        for (const p of pieces) expect(p).not.toMatch(/\uFFFD/);
      }),
    );
  });

  test('the size counted is the escaped content in the request, so the bot never sends what Feishu counts as over', () => {
    const card = renderCard({ title: '"引号"\\', fields: [{ label: 'a', value: '😀\n"x"' }] });
    expect(contentBytes(JSON.stringify(card))).toBeGreaterThan(fakeBytes(JSON.stringify(card)));
    expect(CARD_MAX_BYTES).toBe(FAKE_CARD_MAX_BYTES);
  });
});

describe('Feishu callback answers and card updates', () => {
  const small: NeutralCard = { title: '请假审批 L1', fields: [{ label: '申请人', value: '张伟' }] };
  const huge: NeutralCard = { title: '大', fields: Array.from({ length: 2000 }, (_, i) => ({ label: `${i}`, value: '内容'.repeat(10) })) };

  test.each([
    ['claimed first: the answer carries the card, the budget cannot close it', (g: CallbackAnswerGate) => [g.claim(small), g.close(), g.claim(small)], [true, false, true]],
    ['closed first (past the budget): a later claim is refused', (g: CallbackAnswerGate) => [g.close(), g.claim(small)], [true, false]],
    ['a card over the limits is never claimed: the outbox updates the clicked message', (g: CallbackAnswerGate) => [g.claim(huge), g.close()], [false, true]],
  ])('gate: %s', (_what, steps, expected) => {
    expect(steps(new CallbackAnswerGate())).toEqual(expected);
  });

  test.each([
    ['card action is lock (230099 / 11310): retryable', 'Failed to create card content, ext=ErrCode: 11310; ErrMsg: card action is lock; ', true],
    ['element exceeds the limit (230099 / 11310): permanent', 'Failed to create card content, ext=ErrCode: 11310; ErrMsg: element exceeds the limit', false],
    ['a card that cannot be built (230099): permanent', 'Failed to create card content, ext=ErrCode: 200621; ErrMsg: parse card json err', false],
  ])('%s', (_what, msg, retryable) => {
    const err = new FeishuApiError(`feishu api HTTP 400 code 230099: ${msg}`, 230099, 400);
    expect(deliveryError(err, 'card update').retryable).toBe(retryable);
  });
});
