import { createHash } from 'node:crypto';
import type { ChartRenderer, NeutralChart } from '../../src/core/chart';

/**
 * Why 2 MB: a group robot's image message takes at most 2 MB (a JPG or PNG, base64), and
 * media/upload takes images up to 10 MB (2 MB in some copies of the documentation): keeping
 * under the smaller serves both (docs/platforms/wecom.md §3.7b). A chart is tens of KB.
 */
export const WECOM_IMAGE_MAX_BYTES = 2 * 1024 * 1024;

/** The size of the PNG sent for a chart: wide enough for fifteen names, readable on a phone. */
export const WECOM_CHART_SIZE = { width: 720, height: 400 } as const;

/** A chart as the PNG WeCom takes, or a reason it cannot go (too large). */
export function chartPng(charts: ChartRenderer, chart: NeutralChart): Buffer {
  const png = charts.png(chart, WECOM_CHART_SIZE);
  if (png.length > WECOM_IMAGE_MAX_BYTES) throw new Error(`the chart PNG is ${png.length} bytes; WeCom takes images up to ${WECOM_IMAGE_MAX_BYTES}`);
  return png;
}

/** A group robot's image message: the picture itself, base64, with its MD5 (no upload). */
export function robotImage(png: Buffer): Record<string, unknown> {
  return { msgtype: 'image', image: { base64: png.toString('base64'), md5: createHash('md5').update(png).digest('hex') } };
}

/** How long an uploaded chart picture is reused: well inside the three days a temporary media id lives. */
const CHART_MEDIA_REUSE_MS = 24 * 60 * 60 * 1000;

/**
 * Media ids of chart pictures uploaded lately, by the PNG's hash (bounded). Why: one chart goes
 * to many members (a team without a group chat is one outbox row each), and a temporary media id
 * is valid for three days (docs/platforms/wecom.md §3.7b): it is uploaded once and reused for a day.
 */
export class ChartMediaCache {
  private readonly known = new Map<string, { mediaId: string; at: number }>();

  async mediaId(png: Buffer, upload: () => Promise<string>, now = Date.now()): Promise<string> {
    const hash = createHash('sha256').update(png).digest('hex');
    const hit = this.known.get(hash);
    if (hit && now - hit.at < CHART_MEDIA_REUSE_MS) return hit.mediaId;
    const mediaId = await upload();
    if (this.known.size >= 16) this.known.clear();
    this.known.set(hash, { mediaId, at: now });
    return mediaId;
  }
}
