/// <reference types="vite/client" />
/**
 * - Autodocs and controls come from `packages/elements/custom-elements.json`, the Custom Elements
 *   Manifest that `npm run build` (and `npm run build-storybook`) generate from the classes' JSDoc.
 *   The file is optional here so that a fresh checkout still starts; without it docs pages only
 *   lack their tables.
 * - A toolbar switch sets `lang` on the story root; elements follow the nearest `lang`, exactly as
 *   they do in a portal page. zh-CN is the default, as in the procuratorates.
 */
import { setCustomElementsManifest, type Decorator, type Preview } from '@storybook/web-components-vite';
import { html } from 'lit';

const manifests = import.meta.glob<{ default: object }>('../packages/elements/custom-elements.json', {
  eager: true,
});
const manifest = Object.values(manifests)[0]?.default;
if (manifest) setCustomElementsManifest(manifest);
else console.warn('custom-elements.json is missing: run `npm run build` for docs tables and controls.');

/** The `lang` values the toolbar offers (the locales Huishen has catalogs for). */
const localeItems = [
  { value: 'zh-CN', title: '简体中文 (zh-CN)' },
  { value: 'zh-TW', title: '繁體中文 (zh-TW)' },
  { value: 'en', title: 'English (en)' },
];

const withLang: Decorator = (story, context) => {
  const lang = typeof context.globals['locale'] === 'string' ? context.globals['locale'] : 'zh-CN';
  return html`<div class="hs-story-root" lang=${lang}>${story()}</div>`;
};

const preview: Preview = {
  tags: ['autodocs'],
  globalTypes: {
    locale: {
      description: 'lang attribute of the story root',
      toolbar: {
        title: 'Locale',
        icon: 'globe',
        items: localeItems,
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: {
    locale: 'zh-CN',
  },
  decorators: [withLang],
  parameters: {
    controls: { expanded: true },
    a11y: { test: 'error' },
  },
};

export default preview;
