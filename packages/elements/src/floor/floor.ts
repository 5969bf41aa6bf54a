/**
 * The browser floor, checked before the elements load: Chromium 103 and Firefox ESR 115. Below it
 * a portal page shows a clear, localised panel that names the browser and says what to do, instead
 * of a blank page where the elements failed to parse.
 *
 * This module is written to parse in old engines (Chromium 80+: no `??=`, no class fields or
 * static blocks, no top-level await) and imports nothing but the message catalogs, so a portal can
 * load it first:
 *
 * ```html
 * <script type="module">
 *   import { loadAboveFloor } from '@huishen/elements/floor/floor.js';
 *   loadAboveFloor(() => import('@huishen/elements/define.js'));
 * </script>
 * <!-- the IE engine (360 兼容模式) runs no modules: tell it to switch to 极速模式 -->
 * <script nomodule src="/huishen/floor-legacy.js"></script>
 * ```
 */
import { resolveLocale } from '../i18n/locale.js';
import { translate } from '../i18n/messages.js';

/** What the floor needs, each checked by feature, never by the user-agent string. */
export function meetsBrowserFloor(scope: typeof globalThis = globalThis): boolean {
  const w = scope as typeof globalThis & { AbortSignal?: { timeout?: unknown }; customElements?: unknown };
  return (
    typeof w.customElements === 'object' &&
    typeof w.structuredClone === 'function' &&
    typeof Object.hasOwn === 'function' &&
    typeof Array.prototype.at === 'function' &&
    // AbortSignal.timeout is the newest of these: Chromium 103, Firefox 100.
    typeof w.AbortSignal?.timeout === 'function'
  );
}

/** A readable name for the browser of `userAgent` (`360安全浏览器 (Chromium 86)`, `Firefox 102`). */
export function describeBrowser(userAgent: string): string | undefined {
  const chromium = /(?:Chrome|Chromium)\/(\d+)/.exec(userAgent)?.[1];
  const firefox = /Firefox\/(\d+)/.exec(userAgent)?.[1];
  const brand = /QIHU|360SE|360EE/.test(userAgent)
    ? '360安全浏览器'
    : /QaxBrowser|QAX/.test(userAgent)
      ? '奇安信可信浏览器'
      : /Edg\/(\d+)/.test(userAgent)
        ? 'Microsoft Edge'
        : undefined;
  if (/Trident\/|MSIE /.test(userAgent)) return `${brand ?? 'Internet Explorer'} (IE)`;
  if (firefox) return `Firefox ${firefox}`;
  if (chromium) return brand ? `${brand} (Chromium ${chromium})` : `Chromium ${chromium}`;
  return brand;
}

/**
 * Puts the below-the-floor panel into `target` (default: the start of `document.body`), in the
 * language of `target`'s nearest `lang`. Text only; returns the panel.
 */
export function showFloorPanel(target?: Element, userAgent: string = navigator.userAgent): HTMLElement {
  const host = target ?? document.body;
  const locale = resolveLocale(host);
  const panel = document.createElement('section');
  panel.setAttribute('role', 'alert');
  panel.className = 'hs-floor-panel';
  panel.setAttribute('data-hs-floor', '');
  const title = document.createElement('h2');
  title.textContent = translate(locale, 'floor.title');
  const detected = document.createElement('p');
  detected.textContent = translate(locale, 'floor.detected', { browser: describeBrowser(userAgent) ?? translate(locale, 'floor.unknown') });
  const update = document.createElement('p');
  update.textContent = translate(locale, 'floor.update');
  const ieMode = document.createElement('p');
  ieMode.textContent = translate(locale, 'floor.ie-mode');
  panel.append(title, detected, update, ieMode);
  // Readable without any stylesheet of ours, and overridable by the portal's.
  panel.style.cssText = 'border:2px solid #b42318;border-radius:6px;padding:1rem 1.25rem;margin:1rem;max-width:48rem;background:#fff;color:#1f2328;font:16px/1.6 system-ui,sans-serif';
  // Not `replaceChildren` (Chromium 86): this runs exactly where the browser is old.
  if (target) {
    target.textContent = '';
    target.append(panel);
  } else host.prepend(panel);
  return panel;
}

/**
 * Loads the elements (`load`, usually `() => import('@huishen/elements/define.js')`) when the
 * browser meets the floor; otherwise shows the panel in `target` and resolves `false`.
 */
export async function loadAboveFloor(load: () => Promise<unknown>, target?: Element): Promise<boolean> {
  if (!meetsBrowserFloor()) {
    showFloorPanel(target);
    return false;
  }
  await load();
  return true;
}
