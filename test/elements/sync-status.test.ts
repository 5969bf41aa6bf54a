import { aTimeout, expect, fixture, html, oneEvent } from '@open-wc/testing';
import { describe, it } from './support/mocha.js';
import '@huishen/elements/sync-status/hs-sync-status.js';
import { connectionStatuses, HsSyncStatus, HsSyncStatusChangeEvent, type ConnectionStatus } from '@huishen/elements';

/** The status line as a reader hears it (the live region's text). */
function statusText(el: HsSyncStatus): string {
  return el.shadowRoot?.querySelector('[part="base"]')?.textContent ?? '';
}

/** Lets a `lang` MutationObserver run and the element re-render. */
async function settle(el: HsSyncStatus): Promise<void> {
  await aTimeout(0);
  await el.updateComplete;
}

async function render(lang: string, status: ConnectionStatus, unsaved: number): Promise<HsSyncStatus> {
  const wrapper = await fixture<HTMLDivElement>(
    html`<div lang=${lang}><hs-sync-status status=${status} unsaved=${unsaved}></hs-sync-status></div>`,
  );
  const el = wrapper.querySelector('hs-sync-status');
  if (!el) throw new Error('hs-sync-status was not rendered');
  await el.updateComplete;
  return el;
}

type Case = readonly [ConnectionStatus, number];
const cases: readonly Case[] = [
  ['connecting', 0],
  ['synced', 0],
  ['synced', 2],
  ['offline', 0],
  ['offline', 3],
  ['denied', 0],
  ['denied', 1],
];

const expected: Record<string, readonly string[]> = {
  'zh-CN': [
    '正在连接…',
    '已连接 · 所有更改已保存',
    '已连接 · 2 项更改尚未保存',
    '离线 · 所有更改已保存',
    '离线 · 3 项更改尚未保存',
    '无权访问',
    '无权访问 · 1 项更改尚未保存',
  ],
  'zh-TW': [
    '正在連線…',
    '已連線 · 所有變更已儲存',
    '已連線 · 2 項變更尚未儲存',
    '離線 · 所有變更已儲存',
    '離線 · 3 項變更尚未儲存',
    '無權存取',
    '無權存取 · 1 項變更尚未儲存',
  ],
  en: [
    'Connecting…',
    'Connected · All changes saved',
    'Connected · 2 changes not yet saved',
    'Offline · All changes saved',
    'Offline · 3 changes not yet saved',
    'Access denied',
    'Access denied · 1 change not yet saved',
  ],
};

describe('<hs-sync-status>', () => {
  describe('renders every state in every locale', () => {
    for (const [lang, texts] of Object.entries(expected)) {
      cases.forEach(([status, unsaved], index) => {
        it(`${lang}: ${status} with ${unsaved} unsaved`, async () => {
          const el = await render(lang, status, unsaved);
          expect(statusText(el)).to.equal(texts[index]);
        });
      });
    }
  });

  it('is a registered element with the documented class', () => {
    expect(customElements.get('hs-sync-status')).to.equal(HsSyncStatus);
    expect(document.createElement('hs-sync-status')).to.be.instanceOf(HsSyncStatus);
  });

  it('falls back to Simplified Chinese for a language without a catalog', async () => {
    const el = await render('fr', 'offline', 3);
    expect(statusText(el)).to.equal('离线 · 3 项更改尚未保存');
  });

  it('speaks Simplified Chinese when no lang attribute is set anywhere', async () => {
    const root = document.documentElement;
    const saved = root.getAttribute('lang');
    root.removeAttribute('lang');
    try {
      const el = await fixture<HsSyncStatus>(html`<hs-sync-status status="synced"></hs-sync-status>`);
      expect(statusText(el)).to.equal('已连接 · 所有更改已保存');
    } finally {
      if (saved !== null) root.setAttribute('lang', saved);
    }
  });

  it('formats large counts for the locale', async () => {
    expect(statusText(await render('en', 'offline', 1234))).to.equal('Offline · 1,234 changes not yet saved');
  });

  it('treats a negative or non-numeric unsaved count as zero', async () => {
    const el = await render('zh-CN', 'synced', -4);
    expect(statusText(el)).to.equal('已连接 · 所有更改已保存');
    el.setAttribute('unsaved', 'many');
    await el.updateComplete;
    expect(statusText(el)).to.equal('已连接 · 所有更改已保存');
  });

  it('is a polite live region', async () => {
    const el = await render('zh-CN', 'offline', 3);
    const base = el.shadowRoot?.querySelector('[part="base"]');
    expect(base?.getAttribute('role')).to.equal('status');
    expect(base?.getAttribute('aria-live')).to.equal('polite');
    expect(el.shadowRoot?.querySelector('[part="indicator"]')?.getAttribute('aria-hidden')).to.equal('true');
  });

  describe('attributes', () => {
    it('reflects status to the status attribute, including the default', async () => {
      const el = await fixture<HsSyncStatus>(html`<hs-sync-status></hs-sync-status>`);
      expect(el.status).to.equal('connecting');
      expect(el.getAttribute('status')).to.equal('connecting');
      for (const status of connectionStatuses) {
        el.status = status;
        await el.updateComplete;
        expect(el.getAttribute('status')).to.equal(status);
      }
    });

    it('reads status and unsaved from attributes', async () => {
      const el = await fixture<HsSyncStatus>(html`<hs-sync-status lang="zh-CN"></hs-sync-status>`);
      el.setAttribute('status', 'offline');
      el.setAttribute('unsaved', '5');
      await el.updateComplete;
      expect(el.status).to.equal('offline');
      expect(el.unsaved).to.equal(5);
      expect(statusText(el)).to.equal('离线 · 5 项更改尚未保存');
    });

    it('shows an unknown status as connecting', async () => {
      const el = await fixture<HsSyncStatus>(html`<hs-sync-status lang="en" status="bogus"></hs-sync-status>`);
      expect(statusText(el)).to.equal('Connecting…');
    });

    it('lets page CSS style each state through the attribute', async () => {
      const el = await render('en', 'denied', 0);
      el.style.setProperty('--hs-sys-motion-duration-short', '0s');
      el.style.setProperty('--hs-sync-status-denied-color', 'rgb(1, 2, 3)');
      const indicator = el.shadowRoot?.querySelector('[part="indicator"]');
      if (!indicator) throw new Error('no indicator');
      expect(getComputedStyle(indicator).backgroundColor).to.equal('rgb(1, 2, 3)');
      el.status = 'offline';
      await el.updateComplete;
      expect(getComputedStyle(indicator).backgroundColor).to.equal('rgba(0, 0, 0, 0)');
    });
  });

  describe('hs-sync-status-change', () => {
    it('fires when status changes, with the new and previous status', async () => {
      const el = await render('zh-CN', 'connecting', 0);
      setTimeout(() => {
        el.status = 'synced';
      });
      const event = await oneEvent<HsSyncStatusChangeEvent>(el, 'hs-sync-status-change');
      expect(event).to.be.instanceOf(HsSyncStatusChangeEvent);
      expect(event.status).to.equal('synced');
      expect(event.previousStatus).to.equal('connecting');
      expect(event.bubbles).to.equal(true);
      expect(event.composed).to.equal(true);
      expect(event.cancelable).to.equal(false);
    });

    it('reaches the document from inside a shadow root', async () => {
      const host = await fixture<HTMLDivElement>(html`<div></div>`);
      const shadow = host.attachShadow({ mode: 'open' });
      const el = document.createElement('hs-sync-status');
      shadow.append(el);
      await el.updateComplete;
      const seen: HsSyncStatusChangeEvent[] = [];
      const listener = (event: HsSyncStatusChangeEvent) => seen.push(event);
      document.addEventListener('hs-sync-status-change', listener);
      try {
        el.status = 'offline';
        await el.updateComplete;
      } finally {
        document.removeEventListener('hs-sync-status-change', listener);
      }
      expect(seen.map((event) => event.status)).to.deep.equal(['offline']);
      expect(seen[0]?.target).to.equal(host);
    });

    it('reports the status as shown, treating an unknown value as connecting', async () => {
      const el = await render('en', 'synced', 0);
      const seen: Array<[string, string]> = [];
      el.addEventListener('hs-sync-status-change', (event) => seen.push([event.status, event.previousStatus]));
      el.setAttribute('status', 'bogus');
      await el.updateComplete;
      el.status = 'connecting';
      await el.updateComplete;
      expect(seen).to.deep.equal([['connecting', 'synced']]);
    });

    it('does not fire for the first status or for unsaved changes', async () => {
      const seen: Event[] = [];
      const listener = (event: Event) => seen.push(event);
      document.addEventListener('hs-sync-status-change', listener);
      try {
        const el = await render('zh-CN', 'synced', 0);
        el.unsaved = 3;
        await el.updateComplete;
        el.status = 'synced';
        await el.updateComplete;
      } finally {
        document.removeEventListener('hs-sync-status-change', listener);
      }
      expect(seen).to.have.length(0);
    });
  });

  describe('language changes', () => {
    it('re-renders when an ancestor lang changes', async () => {
      const el = await render('zh-CN', 'offline', 3);
      const wrapper = el.parentElement;
      if (!wrapper) throw new Error('no wrapper');
      wrapper.lang = 'en';
      await settle(el);
      expect(statusText(el)).to.equal('Offline · 3 changes not yet saved');
      wrapper.lang = 'zh-HK';
      await settle(el);
      expect(statusText(el)).to.equal('離線 · 3 項變更尚未儲存');
      wrapper.removeAttribute('lang');
      el.lang = 'en-GB';
      await settle(el);
      expect(statusText(el)).to.equal('Offline · 3 changes not yet saved');
    });

    it('re-renders when the document element lang changes', async () => {
      const root = document.documentElement;
      const saved = root.getAttribute('lang');
      try {
        root.lang = 'zh-CN';
        const el = await fixture<HsSyncStatus>(html`<hs-sync-status status="synced"></hs-sync-status>`);
        expect(statusText(el)).to.equal('已连接 · 所有更改已保存');
        root.lang = 'zh-TW';
        await settle(el);
        expect(statusText(el)).to.equal('已連線 · 所有變更已儲存');
        root.lang = 'en';
        await settle(el);
        expect(statusText(el)).to.equal('Connected · All changes saved');
      } finally {
        if (saved === null) root.removeAttribute('lang');
        else root.setAttribute('lang', saved);
      }
    });

    it('follows lang through and inside shadow roots', async () => {
      const host = await fixture<HTMLDivElement>(html`<div lang="en"></div>`);
      const shadow = host.attachShadow({ mode: 'open' });
      const section = document.createElement('section');
      const el = document.createElement('hs-sync-status');
      el.status = 'offline';
      section.append(el);
      shadow.append(section);
      await el.updateComplete;
      expect(statusText(el)).to.equal('Offline · All changes saved');
      host.lang = 'zh-MO';
      await settle(el);
      expect(statusText(el)).to.equal('離線 · 所有變更已儲存');
      section.lang = 'zh-SG';
      await settle(el);
      expect(statusText(el)).to.equal('离线 · 所有更改已保存');
    });

    it('re-resolves the language when moved', async () => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div><p lang="en"></p><p lang="zh-TW"><hs-sync-status status="denied"></hs-sync-status></p></div>`,
      );
      const el = wrapper.querySelector('hs-sync-status');
      if (!el) throw new Error('no element');
      await el.updateComplete;
      expect(statusText(el)).to.equal('無權存取');
      wrapper.querySelector('[lang="en"]')?.append(el);
      await el.updateComplete;
      expect(statusText(el)).to.equal('Access denied');
    });
  });

  describe('accessibility', () => {
    for (const [status, unsaved] of cases) {
      it(`passes axe when ${status} with ${unsaved} unsaved`, async () => {
        const el = await render('zh-CN', status, unsaved);
        await expect(el).to.be.accessible();
      });
    }

    it('passes axe in English', async () => {
      await expect(await render('en', 'offline', 2)).to.be.accessible();
    });
  });
});
