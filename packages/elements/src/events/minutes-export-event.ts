import type { MinutesExport } from '../minutes/export-minutes.js';

/**
 * Fired by `<hs-timeline>` when the chair or recorder exported the minutes (会审纪要) with its
 * export button. `minutes` holds the print-ready HTML, the JSON bundle and the Web Annotation
 * JSON-LD. Cancelable: by default the timeline then offers the HTML as a download; a host that
 * files the minutes itself (uploads them, opens a print preview) calls `preventDefault()`.
 * Bubbles and crosses shadow roots.
 */
export class HsMinutesExportEvent extends Event {
  /** The event's type. */
  static readonly eventName = 'hs-minutes-export';

  /** The exported minutes. */
  readonly minutes: MinutesExport;

  constructor(minutes: MinutesExport) {
    super(HsMinutesExportEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.minutes = minutes;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'hs-minutes-export': HsMinutesExportEvent;
  }
}
