import { CachedChartRenderer, EchartsRenderer } from '../charts';
import type { AppEnv } from '../config/env';
import type { ChartRenderer } from '../core/chart';
import type { Platform } from '../core/incoming-event';
import type { Logger } from '../core/logger';
import type { PlatformAdapter } from '../core/platform-adapter';
import { createFeishuAdapter } from '../../bots/feishu';
import { createWecomAdapter } from '../../bots/wecom';
import { createWechatyAdapter } from '../../bots/wechaty';

/**
 * The one chart renderer of the process (ECharts SSR and resvg, src/charts): the console's pages
 * and the messengers that send a chart as a picture (WeCom, wechaty, the web chat) share it.
 * Feishu needs none: its card draws the chart from the data.
 */
export const chartRenderer: ChartRenderer = new CachedChartRenderer(new EchartsRenderer());

/** The adapters of the platforms the environment configures (the web chat is wired apart: web-chat.ts). */
export function platformAdapters(env: AppEnv, logger: Logger, charts: ChartRenderer = chartRenderer): PlatformAdapter[] {
  const adapters: PlatformAdapter[] = [];
  if (env.feishu) adapters.push(createFeishuAdapter(env.feishu, logger));
  if (env.wecom) adapters.push(createWecomAdapter(env.wecom, logger, { charts }));
  if (env.wechaty) adapters.push(createWechatyAdapter(env.wechaty, logger, { charts }));
  return adapters;
}

/**
 * The platforms notices may go to, in order of preference: the ones this replica turns on, then
 * the other chat platforms, whose own replica delivers them (wechaty runs on one replica only,
 * and the outbox worker of each replica sends only for the platforms it has).
 */
export function enabledPlatforms(env: AppEnv): Platform[] {
  const on: Platform[] = [...env.platforms, ...(env.webChat ? (['web'] as const) : [])];
  return [...on, ...(['feishu', 'wecom', 'wechaty'] as const).filter((p) => !on.includes(p))];
}
