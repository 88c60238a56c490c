import type { DataSource } from 'typeorm';
import { createApp } from '../../../src/http/app';
import { createLogger } from '../../../src/core/logger';
import { openTestDataSource } from '../../helpers/test-db';
import { captureLines, serveApp, type TestServer } from '../../helpers/http-client';

/** What the composition root injects: the database answers a trivial query. */
function databaseReady(ds: DataSource): () => Promise<boolean> {
  return async () => {
    await ds.query('SELECT 1');
    return true;
  };
}

describe('readiness against a real database [sqlite]', () => {
  let ds: DataSource;
  let server: TestServer;

  beforeAll(async () => {
    ds = await openTestDataSource('sqlite');
    const app = createApp({ logger: createLogger({ destination: captureLines().stream }), isReady: databaseReady(ds) });
    server = await serveApp(app);
  });
  afterAll(async () => {
    await server.close();
    if (ds.isInitialized) await ds.destroy();
  });

  it('is ready while the database is open and unavailable once it is closed', async () => {
    const open = await server.send('/readyz');
    expect(open.status).toBe(200);
    expect(open.json()).toEqual({ status: 'ready' });

    await ds.destroy();

    const closed = await server.send('/readyz');
    expect(closed.status).toBe(503);
    expect(closed.json()).toEqual({ status: 'unavailable', reason: 'database unreachable' });
    expect((await server.send('/healthz')).status).toBe(200);
  });
});
