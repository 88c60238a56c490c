import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP proxy on 127.0.0.1 in front of a server (MariaDB in the tests) that can be frozen:
 * while frozen it keeps every connection open and accepts new ones, but forwards nothing in
 * either direction, as a database that hangs (not one that refuses) looks to its clients.
 * Thawing forwards what was held back.
 */
export class FreezableProxy {
  private frozen = false;
  private readonly held: Array<() => void> = [];
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  /** Starts a proxy to `host:port`. */
  static async start(target: { host: string; port: number }): Promise<FreezableProxy> {
    const pairs: { proxy?: FreezableProxy } = {};
    const server = createServer((client) => pairs.proxy?.pair(client, target));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    pairs.proxy = new FreezableProxy(server, (server.address() as AddressInfo).port);
    return pairs.proxy;
  }

  /** Stops forwarding, without closing anything. */
  freeze(): void {
    this.frozen = true;
  }

  /** Forwards again, first what was held back. */
  thaw(): void {
    this.frozen = false;
    for (const send of this.held.splice(0)) send();
  }

  /** Closes every connection and the listener. */
  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private pair(client: Socket, target: { host: string; port: number }): void {
    const upstream = createConnection(target);
    for (const s of [client, upstream]) {
      this.sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => {
        this.sockets.delete(s);
        // A frozen peer does not notice a hang-up either (until it thaws).
        const hangUp = () => {
          client.destroy();
          upstream.destroy();
        };
        if (this.frozen) this.held.push(hangUp);
        else hangUp();
      });
    }
    this.forward(client, upstream);
    this.forward(upstream, client);
  }

  private forward(from: Socket, to: Socket): void {
    from.on('data', (chunk: Buffer) => {
      const send = () => {
        if (!to.destroyed) to.write(chunk);
      };
      if (this.frozen) this.held.push(send);
      else send();
    });
  }
}
