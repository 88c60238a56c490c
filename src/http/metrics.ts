import { Router } from '@koa/router';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The label names of the HTTP request metrics; `route` is a route template or `unmatched`. */
export type HttpLabel = 'method' | 'route' | 'status';

/** One app's metrics: its own registry (never prom-client's global one) and the HTTP series. */
export interface HttpMetrics {
  /** The registry `/metrics` serves; later code registers its own metrics here. */
  registry: Registry;
  /** `http_requests_total{method,route,status}`. */
  httpRequests: Counter<HttpLabel>;
  /** `http_request_duration_seconds{method,route,status}`. */
  httpDuration: Histogram<HttpLabel>;
}

/**
 * A fresh registry with the process' default metrics and the HTTP request counter and
 * histogram. Per app, so tests (and anything else) can build many apps in one process.
 */
export function createMetrics(): HttpMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const labelNames: HttpLabel[] = ['method', 'route', 'status'];
  const httpRequests = new Counter<HttpLabel>({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route template and status.',
    labelNames,
    registers: [registry],
  });
  const httpDuration = new Histogram<HttpLabel>({
    name: 'http_request_duration_seconds',
    help: 'Time from receiving a request to the end of its middleware, in seconds.',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return { registry, httpRequests, httpDuration };
}

/** A router serving `GET /metrics`: the registry in Prometheus text format. */
export function metricsRouter(metrics: HttpMetrics): Router {
  const router = new Router();
  router.get('/metrics', async (ctx) => {
    ctx.body = await metrics.registry.metrics();
    ctx.set('Content-Type', metrics.registry.contentType);
    ctx.set('Cache-Control', 'no-store');
  });
  return router;
}
