import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { MessageType } from '@huishen/model';
import { startServer, stockClient, token, until } from './support/server.js';
import { TestClient } from './support/client.js';

const userOf = (id: string, role: string, venue = 'city') => ({ id, name: `Name ${id}`, venue, role, color: '#336699', colorLight: '#ccddee' });

function awarenessFrame(states: Array<[number, unknown]>): Uint8Array {
  const fake = new awarenessProtocol.Awareness(new Y.Doc());
  fake.setLocalState(null);
  for (const [clientId, state] of states) {
    fake.states.set(clientId, state as Record<string, unknown>);
    fake.meta.set(clientId, { clock: 5, lastUpdated: Date.now() });
  }
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.awareness);
  encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(fake, states.map(([id]) => id)));
  fake.destroy();
  return encoding.toUint8Array(e);
}

test('awareness may only describe the connection’s own user; spoofed entries are dropped; states leave with their connection', async () => {
  const t = await startServer();
  const room = 'presence';
  try {
    const a = TestClient.connect(t.url, room, await token(room, 'alice', 'member'));
    const b = stockClient(t.url, room, await token(room, 'bob', 'observer'));
    await a.synced();
    await until(() => b.provider.synced, 'bob synced');
    b.provider.awareness.setLocalStateField('user', userOf('bob', 'observer'));

    a.awareness.setLocalStateField('user', userOf('alice', 'member'));
    await until(() => (b.provider.awareness.getStates().get(a.doc.clientID) as { user?: { id?: string } } | undefined)?.user?.id === 'alice', 'bob sees alice');
    await a.waitFor(() => (a.awareness.getStates().get(b.doc.clientID) as { user?: { id: string } } | undefined)?.user?.id === 'bob', 'alice sees bob');

    // Spoofs: another user's identity, a raised role, another venue, and bob's own client id.
    a.send(awarenessFrame([[9001, { user: userOf('chair0', 'chair') }]]));
    a.send(awarenessFrame([[9002, { user: userOf('alice', 'chair') }]]));
    a.send(awarenessFrame([[9003, { user: userOf('alice', 'member', 'county') }]]));
    a.send(awarenessFrame([[b.doc.clientID, { user: userOf('alice', 'member'), cursor: 'hijack' }]]));
    a.send(awarenessFrame([[b.doc.clientID, null]]));
    a.send(awarenessFrame([[9004, { user: { id: 'alice' } }]]));
    // A marker proves the spoofs were processed before it (one socket, in order).
    a.awareness.setLocalStateField('marker', 1);
    await until(() => (b.provider.awareness.getStates().get(a.doc.clientID) as { marker?: number } | undefined)?.marker === 1, 'marker');
    const seen = b.provider.awareness.getStates();
    for (const id of [9001, 9002, 9003, 9004]) assert.equal(seen.has(id), false, `spoofed ${id} not relayed`);
    assert.equal((seen.get(b.doc.clientID) as { cursor?: string } | undefined)?.cursor, undefined, 'bob’s state not overwritten');
    assert.ok(t.server.metrics.get('huishen_awareness_dropped_total') >= 6);

    await a.close();
    await until(() => !b.provider.awareness.getStates().has(a.doc.clientID), 'alice’s state removed when she left');
    b.destroy();
  } finally {
    await t.stop();
  }
});
