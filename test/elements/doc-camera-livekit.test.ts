/**
 * `<hs-doc-camera>` end to end against the REAL LiveKit SFU and the REAL room server (both
 * started by WTR plugins on 127.0.0.1), with Chromium's fake camera as the document camera.
 *
 * Two venues in one page, each with its own room document, WebSocket, room token and LiveKit
 * connection (two LiveKit participants): the county venue's presenter shares its camera; the
 * city venue receives decoded frames at the published resolution; the presenter freezes — the
 * city venue shows the very still stored in the evidence store; the presenter captures — a
 * `still` evidence item with the right SHA-256 reaches the city venue, opens in
 * `<hs-evidence-viewer>` and can be annotated from there.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { addAnnotation, readAnnotations, readCamera, readEvidence, readTimeline, type Actor } from '@huishen/model';
import '@huishen/elements/doc-camera/hs-doc-camera.js';
import '@huishen/elements/evidence-viewer/hs-evidence-viewer.js';
import type { HsEvidenceViewer } from '@huishen/elements';
import type { HsDocCamera } from '@huishen/elements/doc-camera/hs-doc-camera.js';
import type { MediaSession } from '@huishen/elements/doc-camera/media-session.js';
import { after, before, describe, it } from './support/mocha.js';
import type { TestContext } from './support/pdf-fixtures.js';
import { configureTestPdfjs } from './support/pdf-fixtures.js';
import { sha256, TestRoomProvider } from './support/room.js';
import { settled } from './support/viewer.js';
import { joinVenue, randomRoom, servers, waitFor, type Servers, type Venue } from './doc-camera-room.js';

const presenter: Actor = { userId: 'county-p', name: '县院承办人', venue: 'county', role: 'presenter' };
const member: Actor = { userId: 'city-m', name: '市院检察官', venue: 'city', role: 'member' };

async function mount(venue: Venue, mode: 'source' | 'viewer'): Promise<HsDocCamera> {
  const provider = await fixture<TestRoomProvider>(
    html`<hs-test-room-provider .room=${venue.context}
      ><hs-doc-camera mode=${mode} token-url=${venue.tokenUrl} resolution="1080"></hs-doc-camera
    ></hs-test-room-provider>`,
  );
  return provider.querySelector('hs-doc-camera')!;
}

/** The pixels of a video frame, small, to tell frames apart. */
function frameSignature(video: HTMLVideoElement): Uint8ClampedArray {
  const canvas = document.createElement('canvas');
  canvas.width = 64;
  canvas.height = 48;
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(video, 0, 0, 64, 48);
  return ctx.getImageData(0, 0, 64, 48).data;
}

describe('<hs-doc-camera> over a real LiveKit SFU', () => {
  let env: Servers;
  const venues: Venue[] = [];
  before(async () => {
    configureTestPdfjs();
    env = await servers();
  });
  after(() => venues.forEach((v) => v.destroy()));

  const skipUnlessLivekit = (ctx: TestContext) => {
    if (env.livekit.available) return;
    console.warn(`doc-camera LiveKit tests skipped: ${env.livekit.reason}`);
    ctx.skip();
  };

  it('shares the county camera; the city venue receives advancing frames at the published resolution; freeze and capture reach the city', async function (this: TestContext) {
    skipUnlessLivekit(this);
    this.timeout(60_000);
    const room = randomRoom('cam');
    const county = await joinVenue(env.base, room, presenter);
    const city = await joinVenue(env.base, room, member);
    venues.push(county, city);

    const source = await mount(county, 'source');
    const viewer = await mount(city, 'viewer');
    expect(source.mayShare).to.equal(true);
    expect(viewer.mayShare).to.equal(false);

    await source.publish();
    expect(source.state).to.equal('live');
    const camera = source.cameraTrack!;
    const { width, height } = camera.getSettings();
    expect([width, height]).to.deep.equal([1920, 1080]);

    // The city venue receives the track through the SFU, decoded at the camera's full size.
    await waitFor(() => viewer.state === 'live', 20_000, 'the city viewer to go live');
    const video = viewer.videoElement!;
    await waitFor(() => video.videoWidth === width && video.videoHeight === height, 20_000, `received ${width}×${height} (got ${video.videoWidth}×${video.videoHeight})`);
    // …and the frames advance (the fake camera's pattern moves).
    const first = frameSignature(video);
    await waitFor(() => frameSignature(video).some((v, i) => v !== first[i]), 10_000, 'a new frame');
    const published = (source.media as MediaSession).localTrack!;
    expect(published.mediaStreamTrack.contentHint).to.equal('detail');
    const parameters = published.sender!.getParameters();
    expect(parameters.degradationPreference).to.equal('maintain-resolution');
    expect(parameters.encodings.length).to.equal(1);
    // The viewer names who shares from which venue.
    expect(viewer.shadowRoot!.querySelector('[part="status"]')!.textContent).to.contain('县院承办人');

    // Freeze: a real still, captured at the source, stored, and shown in the other venue.
    const frozenId = await source.freeze();
    expect(frozenId).to.be.a('string');
    await waitFor(() => readCamera(city.doc).freeze?.evidenceId === frozenId, 10_000, 'the freeze to reach the city');
    await waitFor(() => viewer.state === 'frozen', 10_000, 'the city viewer to show frozen');
    const img = await (async () => {
      await waitFor(() => !!viewer.shadowRoot!.querySelector<HTMLImageElement>('[part="still"]')?.naturalWidth, 10_000, 'the frozen still to load');
      return viewer.shadowRoot!.querySelector<HTMLImageElement>('[part="still"]')!;
    })();
    expect([img.naturalWidth, img.naturalHeight]).to.deep.equal([width, height]);
    expect(source.state).to.equal('frozen');
    // Unfreeze (presenter) → live again in both venues.
    source.unfreeze();
    await waitFor(() => viewer.state === 'live', 10_000, 'the city viewer to go live again');

    // Capture: a still evidence item with a correct SHA-256 appears in the city venue…
    const stillId = await source.captureStill();
    await waitFor(() => readEvidence(city.doc).some((e) => e.id === stillId), 10_000, 'the still to reach the city');
    const still = readEvidence(city.doc).find((e) => e.id === stillId)!;
    expect(still.kind).to.equal('still');
    expect(still.mime).to.equal('image/png');
    expect(still.venue).to.equal('county');
    expect(still.addedBy).to.equal('county-p');
    expect(still.capturedAt).to.be.a('number');
    const bytes = new Uint8Array(await (await fetch(county.context.evidenceUrl(still.sha256), county.context.fetchInit!())).arrayBuffer());
    expect(await sha256(bytes)).to.equal(still.sha256);
    expect(bytes.byteLength).to.equal(still.bytes);
    // …recorded in the timeline…
    const entry = readTimeline(city.doc).find((e) => e.kind === 'system' && e.event.code === 'still-captured' && e.event.params?.['evidenceId'] === stillId);
    expect(entry, 'still-captured timeline entry').to.not.equal(undefined);

    // …opens in the evidence viewer of the city venue, hash checked…
    const holder = await fixture<TestRoomProvider>(
      html`<hs-test-room-provider .room=${{ ...city.context, evidenceUrl: (sha: string) => `${env.base}/evidence/${sha}?token=${encodeURIComponent(city.token)}` }}
        ><hs-evidence-viewer evidence-id=${stillId!}></hs-evidence-viewer
      ></hs-test-room-provider>`,
    );
    const ev = holder.querySelector<HsEvidenceViewer>('hs-evidence-viewer')!;
    await settled(ev);
    expect(ev.status).to.equal('ready');
    expect(ev.integrity).to.equal('ok');

    // …and the city member can annotate it: the server accepts the mark and relays it back.
    const mark = addAnnotation(city.doc, { evidenceId: stillId!, page: 1, kind: 'rect', geometry: { rect: [10, 10, 100, 60] } }, city.context.origin!);
    await waitFor(() => readAnnotations(county.doc, { evidenceId: stillId! }).some((a) => a.id === mark), 10_000, 'the annotation to reach the county');

    await source.unpublish();
    await waitFor(() => viewer.state === 'ended', 15_000, 'the city viewer to say the feed ended');
  });

  it('a chair watching from the city asks to freeze; the county source answers with its own full-resolution still', async function (this: TestContext) {
    skipUnlessLivekit(this);
    this.timeout(60_000);
    const room = randomRoom('ask');
    const cityChair: Actor = { userId: 'city-c', name: '市院检察长', venue: 'city', role: 'chair' };
    const county = await joinVenue(env.base, room, presenter);
    const city = await joinVenue(env.base, room, cityChair);
    venues.push(county, city);
    const source = await mount(county, 'source');
    const viewer = await mount(city, 'viewer');
    await source.publish();
    await waitFor(() => viewer.state === 'live', 20_000, 'the city viewer to go live');
    expect(viewer.mayFreeze).to.equal(true);
    const freezeButton = [...viewer.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="button"]')].find((b) => b.textContent!.trim() === '定格画面');
    expect(freezeButton, 'the chair’s freeze button').to.not.equal(undefined);
    freezeButton!.click();
    await waitFor(() => viewer.state === 'frozen' && source.state === 'frozen', 20_000, 'both venues frozen');
    const freeze = readCamera(city.doc).freeze!;
    expect(freeze.by).to.equal('county-p');
    expect(freeze.requestedBy).to.equal('city-c');
    expect(readCamera(city.doc).request).to.equal(undefined);
    await waitFor(() => !!viewer.shadowRoot!.querySelector<HTMLImageElement>('[part="still"]')?.naturalWidth, 10_000, 'the still');
    expect(viewer.shadowRoot!.querySelector<HTMLImageElement>('[part="still"]')!.naturalWidth).to.equal(1920);
    // The chair unfreezes from the city.
    viewer.unfreeze();
    await waitFor(() => source.state === 'live', 10_000, 'live again at the source');
    await source.closeCamera();
  });
});
