// The emulator's HTTP server: who may come in (security.ts), and where a request goes: the
// control API under /_emulator/, everything else to the AWS API path.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { sendAwsJson } from './awsApi';
import { handleControl } from './control';
import type { EmulatedService } from './emulatedService';
import { isLoopback, isLoopbackHost, isTrustedControlRequest } from './security';

function refuse(res: ServerResponse, message: string): void {
  res.writeHead(403, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ message }));
}

async function route(service: EmulatedService, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!isLoopback(req.socket.remoteAddress)) return refuse(res, 'The emulator only serves loopback clients.');
  const path = (req.url ?? '/').split('?')[0];
  if (path === '/_emulator' || path.startsWith('/_emulator/')) {
    if (!isTrustedControlRequest(req.headers.host, req.headers.origin)) {
      return refuse(res, 'The control API answers local scripts only (loopback Host, no Origin).');
    }
    return handleControl(service, req, res);
  }
  if (!isLoopbackHost(req.headers.host)) return refuse(res, 'The emulator answers requests to a loopback host name only (127.0.0.1, localhost).');
  return service.handleApi(req, res, path);
}

/** A server (not yet listening) that serves `service`. */
export function createEmulatorServer(service: EmulatedService): Server {
  const server = createServer((req, res) => {
    route(service, req, res).catch((error: unknown) => {
      if (!res.headersSent) sendAwsJson(res, 500, { __type: 'InternalFailure', message: String(error) }, randomUUID(), service.serviceTime());
      else res.destroy();
    });
  });
  // Keep-alive connections must not hold stop() up.
  server.keepAliveTimeout = 5000;
  return server;
}
