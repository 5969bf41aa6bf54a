/**
 * The focusable and floating parts of one page's overlay as a Lit template: the page's marks as a
 * listbox whose one option is the active mark (a focus frame over it, its author and venue as
 * text), the hover tip, the text editor of a note or pin being written, and the magnified
 * callout box. User text is bound as text, never as HTML.
 */
import { html, nothing } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { pdfRectToCss, type CssRect, type PageGeometry } from '../pdf/geometry.js';

/** Percentages of the page box, for `styleMap`. */
export function percentBox(box: CssRect, page: { width: number; height: number }): Record<string, string> {
  return {
    left: `${(box.left / page.width) * 100}%`,
    top: `${(box.top / page.height) * 100}%`,
    width: `${(box.width / page.width) * 100}%`,
    height: `${(box.height / page.height) * 100}%`,
  };
}

/** What one page's overlay shows. */
export interface OverlayState {
  readonly page: number;
  readonly geometry: PageGeometry;
  readonly pageSize: { width: number; height: number };
  /** Accessible name of the page's marks. */
  readonly label: string;
  /** Whether the marks take keyboard focus (the page has marks, or marks can be made). */
  readonly focusable: boolean;
  /** The active (selected) mark on this page: its id, box (user space), description. */
  readonly active?: { id: string; rect: readonly [number, number, number, number]; description: string; position: number; count: number } | undefined;
  /** A hover tip at CSS px of the page box. */
  readonly tip?: { left: number; top: number; text: string } | undefined;
  /** A note or pin being written: where (user space) and what. */
  readonly editor?: { rect: readonly [number, number, number, number]; label: string; hint: string; value: string } | undefined;
  /** An open callout box: its region (user space), the magnified picture, labels. */
  readonly callout?: { rect: readonly [number, number, number, number]; canvas: HTMLCanvasElement; title: string; present: string | undefined; close: string } | undefined;
}

/** Handlers of the overlay's controls. */
export interface OverlayHandlers {
  keydown(event: KeyboardEvent): void;
  focus(): void;
  blur(): void;
  editorKeydown(event: KeyboardEvent): void;
  editorBlur(event: FocusEvent): void;
  compositionStart(): void;
  compositionEnd(): void;
  presentCallout(): void;
  closeCallout(): void;
}

export function overlayTemplate(state: OverlayState, on: OverlayHandlers) {
  const { geometry, pageSize } = state;
  const activeBox = state.active ? pdfRectToCss(geometry, state.active.rect) : undefined;
  const activeId = state.active ? `mark-${state.active.id}` : undefined;
  return html`<div
      class="surface"
      part="annotation-marks"
      role="listbox"
      aria-label=${state.label}
      aria-activedescendant=${activeId ?? nothing}
      tabindex=${state.focusable ? '0' : '-1'}
      @keydown=${on.keydown}
      @focus=${on.focus}
      @blur=${on.blur}
    >
      ${state.active && activeBox
        ? html`<div
            class="mark"
            id=${activeId!}
            role="option"
            aria-selected="true"
            aria-posinset=${state.active.position}
            aria-setsize=${state.active.count}
            style=${styleMap(percentBox(activeBox, pageSize))}
          >
            <span class="visually-hidden">${state.active.description}</span>
          </div>`
        : nothing}
    </div>
    ${state.tip
      ? html`<div class="tip" part="annotation-tip" role="tooltip" style=${styleMap({ left: `${state.tip.left}px`, top: `${state.tip.top}px` })}>${state.tip.text}</div>`
      : nothing}
    ${state.editor
      ? html`<textarea
          class="editor"
          part="annotation-editor"
          aria-label=${state.editor.label}
          title=${state.editor.hint}
          placeholder=${state.editor.hint}
          .value=${state.editor.value}
          style=${styleMap(percentBox(pdfRectToCss(geometry, state.editor.rect), pageSize))}
          @keydown=${on.editorKeydown}
          @blur=${on.editorBlur}
          @compositionstart=${on.compositionStart}
          @compositionend=${on.compositionEnd}
        ></textarea>`
      : nothing}
    ${state.callout ? calloutTemplate(state, on) : nothing}`;
}

function calloutTemplate(state: OverlayState, on: OverlayHandlers) {
  const callout = state.callout!;
  const box = pdfRectToCss(state.geometry, callout.rect);
  // Beside the region: to its right when there is room, else to its left; never off the page top.
  const right = box.left + box.width + 8;
  const left = right + callout.canvas.width / (window.devicePixelRatio || 1) > state.pageSize.width ? Math.max(0, box.left - callout.canvas.width / (window.devicePixelRatio || 1) - 8) : right;
  return html`<div
    class="callout-box"
    part="callout"
    role="dialog"
    aria-label=${callout.title}
    style=${styleMap({ left: `${left}px`, top: `${Math.max(0, box.top)}px` })}
    @keydown=${(event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        on.closeCallout();
      }
    }}
  >
    ${callout.canvas}
    <div class="actions">
      ${callout.present ? html`<button type="button" class="present" @click=${on.presentCallout}>${callout.present}</button>` : nothing}
      <button type="button" class="close" @click=${on.closeCallout}>${callout.close}</button>
    </div>
  </div>`;
}
