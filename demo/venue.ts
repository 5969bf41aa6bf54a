/**
 * One venue of the demo: asks the demo server for this participant's room token and opens
 * `<hs-room>` with it — what a portal does with its own login and token service.
 */
import { loadAboveFloor } from '@huishen/elements/floor/floor.js';
import type { DemoSession } from './server.js';

const as = new URLSearchParams(location.search).get('as') ?? 'city-chair';

async function session(): Promise<DemoSession> {
  const response = await fetch(`/api/session?as=${encodeURIComponent(as)}`, { cache: 'no-store' });
  if (!response.ok) throw new Error(`the demo server refused participant “${as}” (${response.status})`);
  return (await response.json()) as DemoSession;
}

/** Shown in the camera panel when the demo runs without a LiveKit server. */
function cameraHelp(): HTMLElement {
  const help = document.createElement('div');
  help.slot = 'camera';
  help.className = 'camera-help';
  const lines = [
    '本次演示未找到 LiveKit 服务器，实物展台不可用。',
    '启用方法：安装 Go 后运行',
    'GOBIN=$HOME/.cache/huishen/livekit/v1.13.5 go install github.com/livekit/livekit-server/cmd/server@v1.13.5',
    '然后重新运行 npm start；或设置 LIVEKIT_URL、LIVEKIT_API_KEY、LIVEKIT_API_SECRET 指向已有的 LiveKit 服务器。',
  ];
  for (const [i, line] of lines.entries()) {
    const p = document.createElement(i === 2 ? 'code' : 'p');
    p.textContent = line;
    help.append(p);
  }
  return help;
}

async function main(): Promise<void> {
  const who = document.getElementById('who')!;
  // Below the browser floor this shows what to do instead of a blank page.
  if (!(await loadAboveFloor(() => import('@huishen/elements/define.js')))) {
    who.remove();
    return;
  }
  const { configurePdfjs, pdfjsAssetsAt } = await import('@huishen/elements');
  configurePdfjs(pdfjsAssetsAt(new URL('/pdfjs/', location.href).href, new URL('/pdfjs-v4/', location.href).href));
  const room = document.querySelector('hs-room')!;
  try {
    const first = await session();
    const { participant } = first;
    const venue = participant.venue === 'city' ? '乙市人民检察院（示例）' : '甲县人民检察院（示例）';
    who.textContent = `${venue} · ${participant.name} · ${participant.duty}`;
    document.title = `会审 — ${venue} ${participant.name}`;
    if (!first.livekit.available) room.append(cameraHelp());
    room.refreshToken = async () => (await session()).token;
    Object.assign(room, { serverUrl: first.serverUrl, room: first.room, token: first.token });
  } catch (error) {
    who.textContent = `无法进入演示：${error instanceof Error ? error.message : String(error)}`;
  }
}

void main();
