/**
 * `<hs-doc-camera>` problem states against the real parts: camera permission denied (Permissions
 * Policy on a frame, so Chromium itself refuses `getUserMedia`), LiveKit down (a real connection
 * attempt to a closed port, then retry against the real SFU), and refusals (an observer trying to
 * share gets a subscribe-only LiveKit token from the real room server; a bad room token gets 401).
 * Each state is announced in the live region in the page's language.
 */
import { expect, fixture, html } from '@open-wc/testing';
import type { Actor } from '@huishen/model';
import '@huishen/elements/doc-camera/hs-doc-camera.js';
import type { HsDocCamera } from '@huishen/elements/doc-camera/hs-doc-camera.js';
import type { HsDocCameraStateChangeEvent } from '@huishen/elements/events/doc-camera-state-change-event.js';
import { fetchMediaToken } from '@huishen/elements/doc-camera/media-session.js';
import { after, before, describe, it } from './support/mocha.js';
import type { TestContext } from './support/pdf-fixtures.js';
import './support/room.js';
import type { TestRoomProvider } from './support/room.js';
import { joinVenue, randomRoom, servers, waitFor, type Servers, type Venue } from './doc-camera-room.js';

const presenter: Actor = { userId: 'county-p', name: '县院承办人', venue: 'county', role: 'presenter' };
const observer: Actor = { userId: 'city-o', name: '市院列席', venue: 'city', role: 'observer' };

async function mount(venue: Venue, mode: 'source' | 'viewer', lang = 'zh-CN'): Promise<HsDocCamera> {
  const provider = await fixture<HTMLDivElement>(
    html`<div lang=${lang}>
      <hs-test-room-provider .room=${venue.context}
        ><hs-doc-camera mode=${mode} token-url=${venue.tokenUrl} resolution="720"></hs-doc-camera
      ></hs-test-room-provider>
    </div>`,
  );
  return provider.querySelector('hs-doc-camera')!;
}

const liveRegion = (el: HsDocCamera) => el.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim();
const retryButton = (el: HsDocCamera) => el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="retry"]');

/** A TCP port nothing listens on (a server's port just after it closed would do; this one is reserved). */
const DEAD_URL = 'ws://127.0.0.1:9';

describe('<hs-doc-camera> problem states', () => {
  let env: Servers;
  const venues: Venue[] = [];
  before(async () => {
    env = await servers();
  });
  after(() => venues.forEach((v) => v.destroy()));

  const skipUnlessLivekit = (ctx: TestContext) => {
    if (env.livekit.available) return;
    console.warn(`doc-camera LiveKit tests skipped: ${env.livekit.reason}`);
    ctx.skip();
  };

  it('no camera permission: Chromium refuses the camera (Permissions Policy); the element says so and how to allow it', async () => {
    const frame = document.createElement('iframe');
    frame.setAttribute('allow', "camera 'none'");
    frame.src = '/__huishen__/doc-camera-frame.html';
    document.body.append(frame);
    try {
      await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
      const win = frame.contentWindow as Window & { ready: Promise<unknown> };
      await waitFor(() => !!win.ready, 10_000, 'the frame script');
      await win.ready;
      const el = frame.contentDocument!.querySelector('hs-doc-camera') as HsDocCamera;
      const states: string[] = [];
      el.addEventListener('hs-doc-camera-state-change', (e) => states.push((e as HsDocCameraStateChangeEvent).state));
      await el.openCamera();
      await el.updateComplete;
      expect(el.state).to.equal('no-permission');
      expect(el.getAttribute('state')).to.equal('no-permission');
      expect(el.cameraTrack).to.equal(undefined);
      expect(liveRegion(el)).to.contain('未获得摄像头权限');
      expect(retryButton(el)).to.not.equal(null);
      await waitFor(() => states.includes('no-permission'), 2000, 'the state event');
    } finally {
      frame.remove();
    }
  });

  it('LiveKit down: unreachable with retry, in English too; retry against the running SFU connects', async function (this: TestContext) {
    skipUnlessLivekit(this);
    const room = randomRoom('down');
    const county = await joinVenue(env.base, room, presenter);
    venues.push(county);
    const el = await mount(county, 'viewer', 'en');
    await waitFor(() => el.state === 'waiting', 15_000, 'the viewer to connect first');
    await el.media.disconnect();
    // A real token from the room server, but LiveKit's address has nothing listening.
    const real = await fetchMediaToken(county.tokenUrl, county.context.fetchInit!());
    el.mediaTokens = async () => ({ url: DEAD_URL, token: real.token });
    await el.retry();
    await el.updateComplete;
    expect(el.state).to.equal('unreachable');
    expect(liveRegion(el)).to.equal('The media server cannot be reached. Check the network and try again.');
    expect(retryButton(el)?.textContent?.trim()).to.equal('Retry');

    el.mediaTokens = undefined; // back to the room server's endpoint and the running SFU
    retryButton(el)!.click();
    await waitFor(() => el.state === 'waiting', 15_000, 'the viewer to reconnect');
  });

  it('an observer who tries to share is refused by LiveKit’s grants; a bad room token is refused by the room server', async function (this: TestContext) {
    skipUnlessLivekit(this);
    this.timeout(30_000);
    const room = randomRoom('refuse');
    const city = await joinVenue(env.base, room, observer);
    venues.push(city);
    const el = await mount(city, 'source');
    expect(el.mayShare).to.equal(false);
    await el.publish();
    await el.updateComplete;
    expect(el.state).to.equal('refused');
    expect(el.media.status).to.equal('connected');
    expect(el.media.canPublish).to.equal(false);
    expect(el.media.publishedTrack).to.equal(undefined);
    expect(liveRegion(el)).to.contain('拒绝');
    await el.closeCamera();

    // A room token the room server does not accept.
    const forged = await fixture<TestRoomProvider>(
      html`<hs-test-room-provider .room=${{ ...city.context, fetchInit: () => ({ headers: { Authorization: 'Bearer not-a-token' } }) }}
        ><hs-doc-camera token-url=${city.tokenUrl}></hs-doc-camera
      ></hs-test-room-provider>`,
    );
    const viewer = forged.querySelector('hs-doc-camera')!;
    await waitFor(() => viewer.state === 'refused', 10_000, 'the viewer to be refused');
  });

  it('a feed that stops says it ended', async function (this: TestContext) {
    skipUnlessLivekit(this);
    this.timeout(30_000);
    const room = randomRoom('end');
    const county = await joinVenue(env.base, room, presenter);
    const city = await joinVenue(env.base, room, observer);
    venues.push(county, city);
    const source = await mount(county, 'source');
    const viewer = await mount(city, 'viewer');
    await source.publish();
    await waitFor(() => viewer.state === 'live', 15_000, 'live');
    await source.closeCamera();
    await waitFor(() => viewer.state === 'ended', 15_000, 'ended');
    expect(liveRegion(viewer)).to.equal('实物展台画面已结束');
  });
});
