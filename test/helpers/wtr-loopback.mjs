/**
 * Keeps every Node server in the test process on 127.0.0.1.
 *
 * Web Test Runner's dev server calls `server.listen({ port, host: undefined })` when the
 * configured hostname is `127.0.0.1` or `localhost`, which binds all interfaces. Patching
 * `net.Server.prototype.listen` (http and https servers inherit it) to default the host to the
 * loopback address closes that, and covers servers that plugins start later (the room server).
 * Explicit hosts, pipes and handles pass through untouched.
 */
import net from 'node:net';

export const LOOPBACK = '127.0.0.1';

const patched = Symbol.for('huishen.loopbackListen');

function isPort(value) {
  return typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value));
}

/** The `listen` arguments with `host: 127.0.0.1` added where Node would bind all interfaces. */
export function withLoopbackHost(args) {
  const [first, second] = args;
  if (first === undefined || first === null || typeof first === 'function') {
    // listen() or listen(callback): a random port on all interfaces.
    return [0, LOOPBACK, ...args.slice(first === undefined || first === null ? 1 : 0)];
  }
  if (isPort(first)) {
    return typeof second === 'string' ? args : [first, LOOPBACK, ...args.slice(1)];
  }
  if (typeof first === 'object') {
    const isHandle = '_handle' in first || 'fd' in first || 'handle' in first;
    if (isHandle || first.path !== undefined || first.host != null) return args;
    return [{ ...first, host: LOOPBACK }, ...args.slice(1)];
  }
  return args; // a pipe or socket path
}

/** Makes `net.Server#listen` default to 127.0.0.1. Idempotent. */
export function forceLoopbackListen() {
  const proto = net.Server.prototype;
  if (proto[patched]) return;
  const listen = proto.listen;
  proto.listen = function listenOnLoopback(...args) {
    return listen.apply(this, withLoopbackHost(args));
  };
  proto[patched] = true;
}
