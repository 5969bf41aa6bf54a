import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloseCode, LocalOrigin, appendEntry, readTimeline } from '@huishen/model';
import { SECRET } from './support/server.js';
import { TestClient } from './support/client.js';
import { runCli, startServerProcess } from './support/process.js';

test('huishen-server token mints a token the server accepts; SIGTERM flushes and closes sockets with 1012', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'huishen-cli-'));
  try {
    const minted = await runCli(['token', '--secret', SECRET, '--room', 'cli-room', '--user', 'u1', '--name', '张三', '--venue', 'city', '--role', 'chair', '--ttl', '600']);
    assert.equal(minted.code, 0, minted.stderr);
    const tok = minted.stdout.trim();
    assert.match(tok, /^[\w-]+\.[\w-]+\.[\w-]+$/);
    const bad = await runCli(['token', '--secret', SECRET, '--room', 'cli-room', '--user', 'u1', '--name', 'x', '--venue', 'city', '--role', 'king']);
    assert.equal(bad.code, 2);

    const server = await startServerProcess(['--data', dir, '--secret', SECRET]);
    const health = await fetch(`http://127.0.0.1:${server.port}/healthz`);
    assert.equal(health.status, 200);
    const c = TestClient.connect(server.url, 'cli-room', tok);
    await c.synced();
    const origin = new LocalOrigin({ userId: 'u1', name: '张三', venue: 'city', role: 'chair' });
    for (let i = 0; i < 10; i++) appendEntry(c.doc, { kind: 'comment', text: `before shutdown ${i}` }, origin);
    await c.allSaved();
    server.child.kill('SIGTERM');
    assert.equal(await c.closed, CloseCode.serviceRestart);
    assert.equal(await server.exited, 0);

    const again = await startServerProcess(['--data', dir, '--secret', SECRET]);
    const d = TestClient.connect(again.url, 'cli-room', tok);
    await d.synced();
    assert.equal(readTimeline(d.doc).length, 10);
    await d.close();
    again.child.kill('SIGINT');
    assert.equal(await again.exited, 0);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
