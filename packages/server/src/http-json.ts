/**
 * Small HTTP helpers shared by the server's JSON endpoints (evidence, LiveKit tokens): the
 * bearer token of a request, CORS headers, and a JSON response that is never cached or sniffed.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The token from `Authorization: Bearer …`, or `undefined`. */
export function bearerToken(req: IncomingMessage): string | undefined {
  return /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(req.headers.authorization ?? '')?.[1];
}

/**
 * CORS headers for `allowOrigin` (default `*`, which is safe here: requests carry a bearer token,
 * never cookies); `false` sends none. `expose` lists response headers scripts may read.
 */
export function corsHeaders(allowOrigin: string | false | undefined, expose?: string): Record<string, string> {
  const origin = allowOrigin ?? '*';
  if (origin === false) return {};
  return {
    'Access-Control-Allow-Origin': origin,
    ...(expose ? { 'Access-Control-Expose-Headers': expose } : {}),
    ...(origin === '*' ? {} : { Vary: 'Origin' }),
  };
}

/** Sends a JSON body unless the response was already started or the socket is gone. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(text);
}
