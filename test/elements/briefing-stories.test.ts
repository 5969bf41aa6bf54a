/**
 * The briefing stories run as their descriptions promise, on the in-memory two-peer room: the
 * follower follows the presenter, and the Diverged story's play function really breaks away.
 */
import { expect } from '@open-wc/testing';
import { render, type TemplateResult } from 'lit';
import type { HsBriefing } from '@huishen/elements/briefing/briefing.js';
import type { HsEvidenceViewer } from '@huishen/elements';
import meta, { Diverged } from '../../stories/briefing.stories.js';
import { after, describe, it } from './support/mocha.js';
import { configureTestPdfjs } from './support/pdf-fixtures.js';
import { waitFor } from './support/viewer.js';

interface Timed {
  timeout(ms: number): void;
}

type Loader = () => Promise<unknown>;
type Render = (args: unknown, context: { loaded: unknown }) => TemplateResult;

describe('briefing stories', () => {
  const hosts: HTMLElement[] = [];
  after(() => hosts.forEach((h) => h.remove()));

  async function mount(args: Record<string, unknown>): Promise<HTMLElement> {
    configureTestPdfjs(); // the stories point pdf.js at Storybook's static folders
    const loaded = await (meta.loaders as Loader[])[0]!();
    const host = document.createElement('div');
    hosts.push(host);
    document.body.append(host);
    render((meta.render as unknown as Render)({ ...meta.args, ...args }, { loaded }), host);
    return host;
  }

  it('PresenterAndFollower: the member’s viewer is on the presenter’s page and follows', async function (this: Timed) {
    this.timeout(30_000);
    const host = await mount({});
    const [presenter, member] = [...host.querySelectorAll<HsBriefing>('hs-briefing')] as [HsBriefing, HsBriefing];
    const viewer = host.querySelector<HsEvidenceViewer>('#story-viewer-1')!;
    await waitFor(() => viewer.status === 'ready', 15_000, 'the member’s viewer');
    expect(presenter.briefingRole).to.equal('presenter');
    expect(member.followState).to.equal('following');
    presenter.step(1);
    await waitFor(() => viewer.page === 2, 10_000, 'the member on the next stop’s page');
    host.remove();
  });

  it('Diverged: the play function breaks the member away and the presenter’s roster shows it', async function (this: Timed) {
    this.timeout(30_000);
    const host = await mount({});
    const viewer = host.querySelector<HsEvidenceViewer>('#story-viewer-1')!;
    await waitFor(() => viewer.status === 'ready', 15_000, 'the member’s viewer');
    await (Diverged.play as unknown as (c: { canvasElement: HTMLElement }) => Promise<void>)({ canvasElement: host });
    const [presenter, member] = [...host.querySelectorAll<HsBriefing>('hs-briefing')] as [HsBriefing, HsBriefing];
    await waitFor(() => member.followState === 'diverged', 5_000, 'the break-away');
    await waitFor(() => presenter.shadowRoot!.querySelector('[part~="roster"] li[data-state="diverged"]') !== null, 5_000, 'the roster');
  });
});
