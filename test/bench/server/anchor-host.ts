/**
 * The anchor of the server benchmarks as its own process: the stock `@y/websocket-server` 0.1.1
 * relay (no auth, no rights, no storage), started the way `huishen-server` starts so that both
 * run alike (same Node, same loader, one process each, clients elsewhere).
 *
 * Usage: `node --conditions=source --import tsx test/bench/server/anchor-host.ts`; prints
 * `listening on http://127.0.0.1:<port>` and serves until SIGTERM.
 */
import http from 'node:http';
import WebSocket, { type WebSocketServer } from 'ws';

const { setupWSConnection } = (await import('@y/websocket-server/utils')) as {
  setupWSConnection: (conn: unknown, req: http.IncomingMessage) => void;
};
// The root `ws` is a CommonJS build whose named exports Node's ESM loader cannot see.
const Server = (WebSocket as unknown as { Server: typeof WebSocketServer }).Server;
const wss = new Server({ noServer: true });
const server = http.createServer();
server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => setupWSConnection(ws, req)));
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as { port: number };
  process.stdout.write(`anchor listening on http://127.0.0.1:${port}\n`);
});
process.on('SIGTERM', () => {
  for (const ws of wss.clients) ws.terminate();
  server.close(() => process.exit(0));
});
