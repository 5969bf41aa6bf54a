/**
 * The viewer's controls as templates: the toolbar and the panel shown instead of the document
 * while loading or when it cannot be shown. Kept apart from the element so that file stays about
 * behaviour. Every string comes from the catalogs; user-provided text (error details) is bound
 * as text, never as HTML.
 */
import { html, nothing } from 'lit';
import type { HsEvidenceViewer } from './evidence-viewer.js';
import type { FindState } from './find-controller.js';
import { ZOOM_LEVELS, type EvidenceViewerStatus } from './status.js';

function zoomValue(host: HsEvidenceViewer): string {
  return typeof host.zoom === 'string' ? host.zoom : String(host.zoom);
}

/** The toolbar: pages, zoom, rotation, find. */
export function renderToolbar(host: HsEvidenceViewer, ready: boolean, find: FindState) {
  const t = host.locale;
  const isPdf = host.kind === 'pdf';
  const pageCount = host.pageCount;
  const current = zoomValue(host);
  const levels = ZOOM_LEVELS.map((z) => String(z));
  const custom = typeof host.zoom === 'number' && !levels.includes(current);
  const onPageInput = (event: Event) => {
    const input = event.target as HTMLInputElement;
    const page = Number.parseInt(input.value, 10);
    if (Number.isFinite(page)) host.goToPage(page);
    input.value = String(host.page);
  };
  const onZoomSelect = (event: Event) => {
    const value = (event.target as HTMLSelectElement).value;
    host.setZoom(value === 'fit-width' || value === 'fit-page' ? value : Number(value));
  };
  const onFindInput = (event: Event) => void host.find((event.target as HTMLInputElement).value);
  const onFindKey = (event: KeyboardEvent) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      host.findStep(event.shiftKey ? -1 : 1);
    } else if (event.key === 'Escape') {
      const input = event.target as HTMLInputElement;
      input.value = '';
      void host.find('');
    }
  };
  const summary = host.findSummary();
  return html`<div part="toolbar" role="toolbar" aria-label=${t.t('evidence-viewer.toolbar')}>
    <span class="group">
      <button type="button" class="previous-page" ?disabled=${!ready || host.page <= 1} @click=${() => host.goToPage(host.page - 1)}>
        ${t.t('evidence-viewer.previous-page')}
      </button>
      <input
        part="page-input"
        class="page-input"
        type="text"
        inputmode="numeric"
        aria-label=${t.t('evidence-viewer.page-number')}
        .value=${String(host.page)}
        ?disabled=${!ready}
        @change=${onPageInput}
      />
      <span class="page-count">${pageCount > 0 ? t.t('evidence-viewer.page-count', { count: pageCount }) : ''}</span>
      <button type="button" class="next-page" ?disabled=${!ready || host.page >= pageCount} @click=${() => host.goToPage(host.page + 1)}>
        ${t.t('evidence-viewer.next-page')}
      </button>
    </span>
    <span class="group">
      <button type="button" class="zoom-out" aria-label=${t.t('evidence-viewer.zoom-out')} ?disabled=${!ready} @click=${() => host.stepZoom(-1)}>−</button>
      <select part="zoom-select" class="zoom-select" aria-label=${t.t('evidence-viewer.zoom')} ?disabled=${!ready} @change=${onZoomSelect}>
        <option value="fit-width" ?selected=${current === 'fit-width'}>${t.t('evidence-viewer.fit-width')}</option>
        <option value="fit-page" ?selected=${current === 'fit-page'}>${t.t('evidence-viewer.fit-page')}</option>
        ${custom
          ? html`<option value=${current} selected>${t.t('evidence-viewer.zoom-percent', { percent: Math.round(host.zoomFactor * 100) })}</option>`
          : nothing}
        ${ZOOM_LEVELS.map(
          (z) => html`<option value=${String(z)} ?selected=${current === String(z)}>${t.t('evidence-viewer.zoom-percent', { percent: Math.round(z * 100) })}</option>`,
        )}
      </select>
      <button type="button" class="zoom-in" aria-label=${t.t('evidence-viewer.zoom-in')} ?disabled=${!ready} @click=${() => host.stepZoom(1)}>+</button>
      <button type="button" class="rotate" ?disabled=${!ready} @click=${() => host.rotate(1)}>${t.t('evidence-viewer.rotate')}</button>
      <button
        type="button"
        part="layout-toggle"
        class="layout-toggle"
        aria-pressed=${host.layout === 'single' ? 'true' : 'false'}
        ?disabled=${!ready}
        @click=${() => host.toggleLayout()}
      >
        ${t.t('evidence-viewer.single-page')}
      </button>
      ${isPdf
        ? html`<button
            type="button"
            part="thumbnails-toggle"
            class="thumbnails-toggle"
            aria-pressed=${host.thumbnails ? 'true' : 'false'}
            aria-controls="thumbnails"
            ?disabled=${!ready}
            @click=${() => host.toggleThumbnails()}
          >
            ${t.t('evidence-viewer.thumbnails')}
          </button>`
        : nothing}
    </span>
    ${isPdf
      ? html`<span class="group" role="search">
          <input
            part="find-input"
            class="find-input"
            type="search"
            aria-label=${t.t('evidence-viewer.find')}
            placeholder=${t.t('evidence-viewer.find')}
            ?disabled=${!ready}
            @input=${onFindInput}
            @keydown=${onFindKey}
          />
          <button type="button" class="find-previous" ?disabled=${find.matches.length === 0} @click=${() => host.findStep(-1)}>
            ${t.t('evidence-viewer.find-previous')}
          </button>
          <button type="button" class="find-next" ?disabled=${find.matches.length === 0} @click=${() => host.findStep(1)}>
            ${t.t('evidence-viewer.find-next')}
          </button>
          <span part="find-count" class="find-count">${summary}</span>
        </span>`
      : nothing}
  </div>`;
}

/** The panel shown instead of the document: progress, password prompt, or the error. */
export function renderStatusPanel(
  host: HsEvidenceViewer,
  status: EvidenceViewerStatus,
  progress: number | undefined,
  detail: string,
  passwordIncorrect: boolean,
) {
  if (status === 'ready' || status === 'idle') return nothing;
  const t = host.locale;
  const message = host.statusMessage();
  if (status === 'loading') {
    return html`<div part="status-panel" class="status-panel">
      <p>${message}</p>
      <progress max="1" .value=${progress ?? null} aria-label=${t.t('evidence-viewer.loading')}></progress>
    </div>`;
  }
  if (status === 'password') {
    const onSubmit = (event: SubmitEvent) => {
      event.preventDefault();
      const input = (event.target as HTMLFormElement).querySelector('input');
      host.submitPassword(input?.value ?? '');
    };
    return html`<div part="status-panel" class="status-panel">
      <form class="password-form" @submit=${onSubmit}>
        <p class=${passwordIncorrect ? 'password-message incorrect' : 'password-message'} role="alert">${message}</p>
        <label
          >${t.t('evidence-viewer.password-label')}
          <input class="password-input" type="password" autocomplete="off" required autofocus
        /></label>
        <button type="submit" class="password-submit">${t.t('evidence-viewer.password-submit')}</button>
      </form>
    </div>`;
  }
  return html`<div part="status-panel" class="status-panel" role="alert">
    <p class="error-message">${message}</p>
    ${detail ? html`<p class="detail">${t.t('evidence-viewer.error-detail', { detail })}</p>` : nothing}
    ${status === 'network-error'
      ? html`<button type="button" class="retry" @click=${() => host.retry()}>${t.t('evidence-viewer.retry')}</button>`
      : nothing}
  </div>`;
}

/**
 * The annotation layer (and, when asked for, its toolbar) of a viewer in a room. The layer draws
 * into the page boxes itself; the element here only holds its live region. The toolbar sits
 * under the document area (the `annotation-toolbar` attribute).
 */
export function renderAnnotations(host: HsEvidenceViewer, on: boolean, toolbar: boolean) {
  if (!on) return nothing;
  return html`${toolbar ? html`<hs-annotation-toolbar part="annotation-toolbar" class="annotation-toolbar" .viewer=${host}></hs-annotation-toolbar>` : nothing}
    <hs-annotation-layer .viewer=${host} .room=${host.room}></hs-annotation-layer>`;
}
