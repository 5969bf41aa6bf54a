/**
 * Every `<hs-doc-camera>` story (stories/doc-camera.stories.ts) reaches the state it promises,
 * with the in-memory room and media hub and a canvas camera: the stories double as fixtures of
 * the element's states without a server.
 */
import { expect } from '@open-wc/testing';
import { render, type TemplateResult } from 'lit';
import type { HsDocCamera } from '@huishen/elements/doc-camera/hs-doc-camera.js';
import type { DocCameraState } from '@huishen/elements/doc-camera/state.js';
import * as stories from '../../stories/doc-camera.stories.js';
import { afterEach, describe, it } from './support/mocha.js';
import { waitFor } from './doc-camera-room.js';

type StoryModule = Record<string, { render?: () => TemplateResult } | unknown>;

/** The states each story shows: [first element, second element]. */
const expected: Record<string, DocCameraState[]> = {
  Preview: ['preview', 'waiting'],
  Live: ['live', 'live'],
  Frozen: ['frozen', 'frozen'],
  RotatedAndMirrored: ['live', 'live'],
  ZoomedToRegion: ['live', 'live'],
  Reconnecting: ['reconnecting', 'reconnecting'],
  Ended: ['preview', 'ended'],
  Unreachable: ['unreachable', 'waiting'],
  Refused: ['refused', 'waiting'],
  Idle: ['idle'],
  NoPermission: ['no-permission'],
  NoDevice: ['no-device'],
  DeviceBusy: ['device-busy'],
  InsecureContext: ['insecure'],
  Connecting: ['connecting'],
  EnglishFrozen: ['frozen', 'frozen'],
};

describe('<hs-doc-camera> stories', () => {
  const container = document.createElement('div');
  afterEach(() => {
    render(null, container);
    container.remove();
  });

  it('lists every story this test checks', () => {
    const names = Object.keys(stories).filter((k) => k !== 'default');
    expect(names.sort()).to.deep.equal(Object.keys(expected).sort());
  });

  for (const [name, states] of Object.entries(expected)) {
    it(`${name}: ${states.join(' / ')}`, async () => {
      const story = (stories as StoryModule)[name] as { render: () => TemplateResult };
      document.body.append(container);
      render(story.render(), container);
      const elements = () => [...container.querySelectorAll<HsDocCamera>('hs-doc-camera')];
      await waitFor(() => elements().length === states.length && elements().every((el, i) => el.state === states[i]), 8000, `${name} to show ${states.join(' / ')} (now ${elements().map((e) => e.state).join(' / ')})`);
      const [first, second] = elements();
      const status = first!.shadowRoot!.querySelector('[part="status"]')!.textContent!;
      expect(status.trim().length, 'the status line says something').to.be.greaterThan(0);
      if (name.endsWith('Frozen')) {
        await waitFor(() => !!second!.shadowRoot!.querySelector<HTMLImageElement>('[part="still"]')?.naturalWidth, 8000, 'the still to show');
        const img = second!.shadowRoot!.querySelector<HTMLImageElement>('[part="still"]')!;
        expect([img.naturalWidth, img.naturalHeight]).to.deep.equal([1280, 720]);
      }
      if (name === 'RotatedAndMirrored') {
        await waitFor(() => second!.videoElement!.videoWidth === 720, 8000, 'the rotated picture at the viewer');
        expect(second!.videoElement!.videoHeight).to.equal(1280);
      }
      if (name === 'Live') {
        await waitFor(() => second!.videoElement!.videoWidth === 1280, 8000, 'the picture at the viewer');
      }
    });
  }
});
