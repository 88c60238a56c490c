import { Counter, Gauge, type Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { countPending, oldestPendingAt } from '../db/stores/outbox-store';
import type { OutboxEvents } from './outbox-worker';

/**
 * Outbox metrics on the app's registry: sent, retried and failed by platform, the queue depth
 * and the age of the oldest pending row (read from the database when scraped).
 */
export function outboxMetrics(registry: Registry, ds: DataSource, now: () => Date): OutboxEvents {
  const labels = ['platform'] as const;
  const sent = new Counter({ name: 'outbox_sent_total', help: 'Messages delivered', labelNames: labels, registers: [registry] });
  const retried = new Counter({ name: 'outbox_retried_total', help: 'Deliveries that failed and will be retried', labelNames: labels, registers: [registry] });
  const failed = new Counter({ name: 'outbox_failed_total', help: 'Messages given up after the last try', labelNames: labels, registers: [registry] });
  new Gauge({
    name: 'outbox_pending',
    help: 'Messages waiting to be delivered',
    registers: [registry],
    async collect() {
      this.set(ds.isInitialized ? await countPending(ds.manager) : 0);
    },
  });
  new Gauge({
    name: 'outbox_oldest_pending_seconds',
    help: 'Age of the oldest message waiting to be delivered',
    registers: [registry],
    async collect() {
      const oldest = ds.isInitialized ? await oldestPendingAt(ds.manager) : null;
      this.set(oldest ? Math.max(0, (now().getTime() - oldest.getTime()) / 1000) : 0);
    },
  });
  return {
    sent: (row) => sent.inc({ platform: row.platform }),
    retried: (row) => retried.inc({ platform: row.platform }),
    failed: (row) => failed.inc({ platform: row.platform }),
  };
}
