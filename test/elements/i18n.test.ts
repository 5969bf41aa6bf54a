import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import { describe, it } from './support/mocha.js';
import { LitElement, render } from 'lit';
import {
  catalogs,
  defaultLocale,
  interpolate,
  LocaleController,
  locales,
  matchLocale,
  nearestLang,
  placeholdersOf,
  pluralCategory,
  resolveLocale,
  translate,
  translatePlural,
  zhHans,
  type Locale,
} from '@huishen/elements';

/** A minimal host that counts renders and records locale changes. */
class LocaleProbe extends LitElement {
  readonly changes: Locale[] = [];
  renders = 0;
  readonly locale = new LocaleController(this, { onChange: (locale) => this.changes.push(locale) });

  protected override render() {
    this.renders += 1;
    return html`${this.locale.t('sync-status.synced')}`;
  }
}
customElements.define('hs-test-locale-probe', LocaleProbe);

/** Same, with an English fallback. */
class EnglishFallbackProbe extends LitElement {
  readonly locale = new LocaleController(this, { fallback: 'en' });

  protected override render() {
    return html`${this.locale.t('sync-status.offline')}`;
  }
}
customElements.define('hs-test-english-fallback-probe', EnglishFallbackProbe);

async function settle(el: LitElement): Promise<void> {
  await aTimeout(0);
  await el.updateComplete;
}

describe('i18n', () => {
  describe('catalogs', () => {
    const keys = Object.keys(zhHans).sort();

    it('has a catalog for every locale, Simplified Chinese first', () => {
      expect(defaultLocale).to.equal('zh-Hans');
      expect([...locales]).to.deep.equal(['zh-Hans', 'zh-Hant', 'en']);
      expect(Object.keys(catalogs).sort()).to.deep.equal([...locales].sort());
    });

    for (const locale of ['zh-Hans', 'zh-Hant', 'en'] as const) {
      it(`${locale} has exactly the zh-Hans keys`, () => {
        expect(Object.keys(catalogs[locale]).sort()).to.deep.equal(keys);
      });

      it(`${locale} has no empty messages`, () => {
        for (const [key, message] of Object.entries(catalogs[locale])) {
          expect(message.trim(), `${locale} ${key}`).not.to.equal('');
        }
      });

      it(`${locale} uses the same placeholders as zh-Hans`, () => {
        for (const [key, message] of Object.entries(catalogs[locale])) {
          const reference = zhHans[key as keyof typeof zhHans];
          expect(placeholdersOf(message).sort(), `${locale} ${key}`).to.deep.equal(placeholdersOf(reference).sort());
        }
      });
    }

    it('pairs every counted message (.one with .other)', () => {
      for (const key of keys) {
        if (key.endsWith('.one')) expect(keys).to.include(key.replace(/\.one$/, '.other'));
        if (key.endsWith('.other')) expect(keys).to.include(key.replace(/\.other$/, '.one'));
      }
    });
  });

  describe('matchLocale', () => {
    const table: ReadonlyArray<readonly [string | null, Locale]> = [
      ['zh', 'zh-Hans'],
      ['zh-CN', 'zh-Hans'],
      ['zh-SG', 'zh-Hans'],
      ['zh-Hans', 'zh-Hans'],
      ['zh-hans-hk', 'zh-Hans'],
      ['zh_CN', 'zh-Hans'],
      ['zh-TW', 'zh-Hant'],
      ['zh-HK', 'zh-Hant'],
      ['zh-MO', 'zh-Hant'],
      ['zh-Hant', 'zh-Hant'],
      ['zh-Hant-CN', 'zh-Hant'],
      ['ZH-tw', 'zh-Hant'],
      ['en', 'en'],
      ['en-US', 'en'],
      ['en-GB', 'en'],
      ['fr', 'zh-Hans'],
      ['ja-JP', 'zh-Hans'],
      ['', 'zh-Hans'],
      [null, 'zh-Hans'],
    ];
    for (const [tag, locale] of table) {
      it(`${JSON.stringify(tag)} → ${locale}`, () => {
        expect(matchLocale(tag)).to.equal(locale);
      });
    }

    it('uses the given fallback for unknown languages only', () => {
      expect(matchLocale('fr', 'en')).to.equal('en');
      expect(matchLocale(null, 'zh-Hant')).to.equal('zh-Hant');
      expect(matchLocale('zh-CN', 'en')).to.equal('zh-Hans');
    });
  });

  describe('nearestLang and resolveLocale', () => {
    it('finds the nearest lang attribute, the element itself included', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div lang="zh-TW"><p><span lang="en">x</span></p></div>`);
      const paragraph = wrapper.querySelector('p');
      const span = wrapper.querySelector('span');
      if (!paragraph || !span) throw new Error('fixture');
      expect(nearestLang(paragraph)).to.equal('zh-TW');
      expect(nearestLang(span)).to.equal('en');
      expect(nearestLang(span.firstChild as Text)).to.equal('en');
      expect(resolveLocale(paragraph)).to.equal('zh-Hant');
    });

    it('crosses shadow-root boundaries to the host', async () => {
      const host = await fixture<HTMLDivElement>(html`<div lang="en"></div>`);
      const outer = host.attachShadow({ mode: 'open' });
      const innerHost = document.createElement('div');
      outer.append(innerHost);
      const inner = innerHost.attachShadow({ mode: 'closed' });
      const leaf = document.createElement('b');
      inner.append(leaf);
      expect(resolveLocale(leaf)).to.equal('en');
      innerHost.lang = 'zh-HK';
      expect(resolveLocale(leaf)).to.equal('zh-Hant');
    });

    it('returns null and the fallback when no lang is set', () => {
      const detached = document.createElement('div');
      expect(nearestLang(detached)).to.equal(null);
      expect(resolveLocale(detached)).to.equal('zh-Hans');
      expect(resolveLocale(detached, 'en')).to.equal('en');
    });
  });

  describe('translate', () => {
    it('looks messages up per locale', () => {
      expect(translate('zh-Hans', 'sync-status.synced')).to.equal('已连接');
      expect(translate('zh-Hant', 'sync-status.synced')).to.equal('已連線');
      expect(translate('en', 'sync-status.synced')).to.equal('Connected');
    });

    it('fills placeholders and formats numbers for the locale', () => {
      expect(translate('en', 'sync-status.unsaved.other', { count: 12345 })).to.equal('12,345 changes not yet saved');
      expect(translate('zh-Hans', 'sync-status.unsaved.other', { count: 3 })).to.equal('3 项更改尚未保存');
    });

    it('picks the plural form by the locale’s rules', () => {
      expect(pluralCategory('en', 1)).to.equal('one');
      expect(pluralCategory('en', 2)).to.equal('other');
      expect(pluralCategory('zh-Hans', 1)).to.equal('other');
      expect(translatePlural('en', 'sync-status.unsaved', 1)).to.equal('1 change not yet saved');
      expect(translatePlural('en', 'sync-status.unsaved', 0)).to.equal('0 changes not yet saved');
      expect(translatePlural('zh-Hant', 'sync-status.unsaved', 1)).to.equal('1 項變更尚未儲存');
    });

    it('gives plain JavaScript callers with an unknown locale the default catalog', () => {
      expect(translate('xx' as Locale, 'sync-status.offline')).to.equal('离线');
    });
  });

  describe('interpolate', () => {
    it('replaces known placeholders and leaves unknown ones visible', () => {
      expect(interpolate('{a} and {b} and {a}', { a: 'x' }, 'en')).to.equal('x and {b} and x');
    });

    it('does not look up inherited properties', () => {
      expect(interpolate('{toString}', {}, 'en')).to.equal('{toString}');
    });

    it('produces text that renders as text, never as markup', () => {
      const message = interpolate('审查人：{name}', { name: '<img src=x onerror="window.__pwned=1">' }, 'zh-Hans');
      const container = document.createElement('div');
      render(html`<p>${message}</p>`, container);
      expect(container.querySelector('img')).to.equal(null);
      expect(container.textContent).to.equal('审查人：<img src=x onerror="window.__pwned=1">');
    });
  });

  describe('LocaleController', () => {
    it('resolves on connect and re-renders only when the locale really changes', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div lang="zh-CN"><hs-test-locale-probe></hs-test-locale-probe></div>`);
      const probe = wrapper.querySelector<LocaleProbe>('hs-test-locale-probe');
      if (!probe) throw new Error('fixture');
      await probe.updateComplete;
      expect(probe.locale.value).to.equal('zh-Hans');
      expect(probe.shadowRoot?.textContent).to.equal('已连接');
      const renders = probe.renders;

      wrapper.lang = 'zh-SG';
      await settle(probe);
      expect(probe.renders, 'same locale, no re-render').to.equal(renders);

      wrapper.lang = 'zh-TW';
      await settle(probe);
      expect(probe.locale.value).to.equal('zh-Hant');
      expect(probe.shadowRoot?.textContent).to.equal('已連線');
      expect(probe.changes).to.deep.equal(['zh-Hant']);
    });

    it('stops observing when the host disconnects', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div lang="en"><hs-test-locale-probe></hs-test-locale-probe></div>`);
      const probe = wrapper.querySelector<LocaleProbe>('hs-test-locale-probe');
      if (!probe) throw new Error('fixture');
      await probe.updateComplete;
      const parked = document.createElement('div');
      parked.append(probe);
      wrapper.lang = 'zh-TW';
      await aTimeout(0);
      expect(probe.changes).to.deep.equal([]);
      expect(probe.locale.value).to.equal('en');
    });

    it('uses the fallback option when no lang names a known language', async () => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div lang="de"><hs-test-english-fallback-probe></hs-test-english-fallback-probe></div>`,
      );
      const probe = wrapper.querySelector<EnglishFallbackProbe>('hs-test-english-fallback-probe');
      if (!probe) throw new Error('fixture');
      await probe.updateComplete;
      expect(probe.locale.value).to.equal('en');
      expect(probe.shadowRoot?.textContent).to.equal('Offline');
    });
  });
});
