// The browser shell's route to the file panel's transfers (FILE_TRANSFER_PATH): node:http in and
// out of the Web Request/Response the main side's files service speaks (Electron's app:// protocol
// hands it the same objects). The one-time transfer id in the path is the capability; on top, the
// Host must be the shell's own (no DNS rebinding) and a request that sends bytes must come from the
// shell's own page (Origin), so no other page can push a file even if it learnt an id.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { SECURITY_HEADERS } from '../core/static-files';
import { isOwnHost, isOwnOrigin, shellOrigin } from './access';

export type TransferServer = (request: Request) => Promise<Response> | null;

export async function routeFileTransfer(req: IncomingMessage, res: ServerResponse, serve: TransferServer, host: string, port: number): Promise<void> {
  if (!isOwnHost(req.headers.host, host, port)) return reply(res, new Response('forbidden\n', { status: 403 }));
  if (req.method !== 'GET' && req.method !== 'HEAD' && !isOwnOrigin(req.headers.origin, host, port)) return reply(res, new Response('forbidden\n', { status: 403 }));
  const carriesBody = req.method !== 'GET' && req.method !== 'HEAD';
  const request = new Request(new URL(req.url ?? '/', shellOrigin(host, port)), {
    method: req.method,
    ...(carriesBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: 'half' } : {}),
  } as RequestInit);
  const response = (await serve(request)) ?? new Response('not found\n', { status: 404 });
  await reply(res, response);
}

async function reply(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string> = { ...SECURITY_HEADERS, 'Content-Security-Policy': "default-src 'none'" };
  response.headers.forEach((value, name) => (headers[name] = value));
  res.writeHead(response.status, headers);
  if (!response.body) return void res.end();
  // A download the browser stops (or a cancel) ends the pipe; the transfer reports its own end.
  await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), res).catch(() => res.destroy());
}
