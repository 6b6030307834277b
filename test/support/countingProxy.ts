// A small HTTP forward proxy for tests that counts what passes through it: absolute-URI requests
// (`GET http://host:port/path`, what a client sends a proxy for an http:// target) are forwarded
// with their headers, CONNECT (https:// targets) is tunnelled. `route` may send a target elsewhere
// (a test name such as pools.proxy-test.invalid to the emulator on 127.0.0.1) without touching
// the request: the Host header and the signature stay what the client made. No `vscode`: used by
// the extension-host suite and by plain Node alike. Listens on 127.0.0.1 only.
import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface ProxiedRequest {
  /** `GET`, `POST`, ... or `CONNECT`. */
  method: string;
  /** The absolute URI, or `host:port` for CONNECT. */
  target: string;
  /** The `x-amz-target` header (the AWS JSON operation), when the request was visible (not CONNECT). */
  amzTarget?: string;
}

export interface CountingProxy {
  /** `http://127.0.0.1:PORT`, what `http.proxy` or HTTPS_PROXY is set to. */
  url: string;
  seen: ProxiedRequest[];
  close(): Promise<void>;
}

export type Route = (host: string, port: number) => { host: string; port: number };

export async function startCountingProxy(route: Route = (host, port) => ({ host, port })): Promise<CountingProxy> {
  const seen: ProxiedRequest[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end('a forward proxy takes absolute URIs only');
      return;
    }
    const amz = req.headers['x-amz-target'];
    seen.push({ method: req.method ?? '', target: target.href, amzTarget: typeof amz === 'string' ? amz : undefined });
    const to = route(target.hostname, Number(target.port || 80));
    const upstream = http.request(
      { host: to.host, port: to.port, method: req.method, path: `${target.pathname}${target.search}`, headers: req.headers, agent: false },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    seen.push({ method: 'CONNECT', target: req.url ?? '' });
    const [host, port] = (req.url ?? '').split(/:(?=\d+$)/);
    const to = route(host, Number(port || 443));
    const upstream = net.connect(to.port, to.host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n'));
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
