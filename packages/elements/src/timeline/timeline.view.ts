/**
 * The timeline's templates: one entry row, the filter bar, the composer. Kept apart from the
 * element, which is about behaviour. Every string comes from the catalogs; every piece of user
 * text (entries, names, titles) is bound as text, never as HTML.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { STANCES, TIMELINE_KINDS, type Anchor, type TimelineEntry } from '@huishen/model';
import type { LocaleController } from '../i18n/locale-controller.js';
import type { ComposerDraft } from './composer.js';
import { anchorLabel, entryText, formatTime, nodeTitle, venueName, type DescribeContext } from './describe.js';
import type { ComposerKind } from './timeline-rights.js';
import type { TimelineFilter } from './timeline-filter.js';

/** What a row needs besides its entry. */
export interface RowContext {
  readonly describe: DescribeContext;
  readonly locale: LocaleController;
  readonly timeZone: string;
  readonly mayEdit: (entry: TimelineEntry) => boolean;
  readonly mayRetract: (entry: TimelineEntry) => boolean;
  readonly editing: { id: string; text: string } | undefined;
  readonly onOpen: (anchor: Anchor, entry: TimelineEntry) => void;
  readonly onEdit: (entry: TimelineEntry) => void;
  readonly onEditInput: (text: string) => void;
  readonly onEditKey: (event: KeyboardEvent) => void;
  readonly onEditSave: () => void;
  readonly onEditCancel: () => void;
  readonly onRetract: (entry: TimelineEntry) => void;
  readonly ime: { start: () => void; end: () => void };
}

function refButton(ctx: RowContext, anchor: Anchor, entry: TimelineEntry): TemplateResult {
  const label = anchorLabel(ctx.describe, anchor);
  return html`<button type="button" part="reference" title=${ctx.locale.t('timeline.open-ref', { label })} @click=${() => ctx.onOpen(anchor, entry)}>
    ${label}
  </button>`;
}

function bodyOf(ctx: RowContext, entry: TimelineEntry): TemplateResult | string {
  const t = ctx.locale;
  switch (entry.kind) {
    case 'evidence-ref':
      return html`${refButton(ctx, entry.ref, entry)}${entry.text ? html`<p part="text">${entry.text}</p>` : nothing}`;
    case 'decision':
      return html`<p part="text">${entry.text}</p>
        ${entry.references?.length
          ? html`<p part="references">${t.t('timeline.decision-refs')}${entry.references.map((r) => refButton(ctx, r, entry))}</p>`
          : nothing}`;
    case 'opinion':
      return html`<p part="stance"><span part="stance-badge" data-stance=${entry.stance}>${t.t(`timeline.stance.${entry.stance}`)}</span>
          ${t.t('timeline.opinion-on', { node: nodeTitle(ctx.describe, entry.nodeId) })}</p>
        ${entry.text ? html`<p part="text">${entry.text}</p>` : nothing}`;
    case 'agenda':
    case 'system':
      return html`<p part="text">${entryText(ctx.describe, entry)}</p>`;
    default:
      return html`<p part="text">${entry.text}</p>`;
  }
}

function editor(ctx: RowContext, text: string): TemplateResult {
  const t = ctx.locale;
  return html`<div part="editor">
    <textarea
      part="edit-input"
      aria-label=${t.t('timeline.edit-label')}
      .value=${text}
      @input=${(e: Event) => ctx.onEditInput((e.target as HTMLTextAreaElement).value)}
      @keydown=${ctx.onEditKey}
      @compositionstart=${ctx.ime.start}
      @compositionend=${ctx.ime.end}
    ></textarea>
    <button type="button" part="edit-save" @click=${ctx.onEditSave}>${t.t('timeline.save')}</button>
    <button type="button" part="edit-cancel" @click=${ctx.onEditCancel}>${t.t('timeline.cancel')}</button>
  </div>`;
}

/** One entry. */
export function renderEntry(ctx: RowContext, entry: TimelineEntry): TemplateResult {
  const t = ctx.locale;
  const d = ctx.describe;
  const time = formatTime(entry.at, t.value, ctx.timeZone);
  const full = formatTime(entry.at, t.value, ctx.timeZone, 'full');
  const speaker = entry.speaker;
  const who = speaker ? speaker.name : entry.authorName;
  const venue = venueName(d, speaker?.venue ?? entry.venue);
  const role = speaker ? speaker.role : entry.role;
  const editing = ctx.editing?.id === entry.id ? ctx.editing : undefined;
  const quiet = entry.kind === 'system' || entry.kind === 'agenda';
  return html`<div part="entry-header">
      <span part="kind">${t.t(`timeline.kind.${entry.kind}`)}</span>
      ${quiet
        ? nothing
        : html`<span part="author">${who}</span><span part="venue">${venue}</span>${role ? html`<span part="role">${t.t(`timeline.role.${role}`)}</span>` : nothing}
            ${speaker ? html`<span part="on-behalf">${t.t('timeline.on-behalf', { recorder: entry.authorName })}</span>` : nothing}`}
      <time part="time" datetime=${new Date(entry.at).toISOString()} title=${full}>${time}</time>
      ${entry.editedAt !== undefined ? html`<span part="edited">${t.t('timeline.edited')}</span>` : nothing}
      ${entry.retracted ? html`<span part="retracted">${t.t('timeline.retracted')}</span>` : nothing}
    </div>
    <div part="entry-body">${editing ? editor(ctx, editing.text) : bodyOf(ctx, entry)}</div>
    ${entry.history?.length
      ? html`<details part="history">
          <summary>${t.t('timeline.history')}</summary>
          <ol>
            ${entry.history.map((h) => html`<li><time datetime=${new Date(h.at).toISOString()}>${formatTime(h.at, t.value, ctx.timeZone)}</time> <span>${h.text}</span></li>`)}
          </ol>
        </details>`
      : nothing}
    ${!editing && (ctx.mayEdit(entry) || ctx.mayRetract(entry))
      ? html`<div part="entry-actions">
          ${ctx.mayEdit(entry) ? html`<button type="button" part="edit" @click=${() => ctx.onEdit(entry)}>${t.t('timeline.edit')}</button>` : nothing}
          ${ctx.mayRetract(entry) ? html`<button type="button" part="retract" @click=${() => ctx.onRetract(entry)}>${t.t('timeline.retract')}</button>` : nothing}
        </div>`
      : nothing}`;
}

/** The filter bar. */
export function renderFilters(
  locale: LocaleController,
  describe: DescribeContext,
  filter: TimelineFilter,
  count: number,
  onChange: (patch: Partial<TimelineFilter>) => void,
  exportButton: TemplateResult | typeof nothing,
): TemplateResult {
  const t = locale;
  const select = (e: Event) => (e.target as HTMLSelectElement).value;
  return html`<div part="filters" role="search" aria-label=${t.t('timeline.filters')}>
    <label part="filter"
      ><span>${t.t('timeline.filter-venue')}</span>
      <select part="filter-venue" .value=${filter.venue ?? ''} @change=${(e: Event) => onChange({ venue: select(e) })}>
        <option value="">${t.t('timeline.filter-all-venues')}</option>
        ${[...describe.venues.values()].map((v) => html`<option value=${v.id} ?selected=${filter.venue === v.id}>${v.name}</option>`)}
      </select></label
    >
    <label part="filter"
      ><span>${t.t('timeline.filter-kind')}</span>
      <select part="filter-kind" .value=${filter.kind ?? ''} @change=${(e: Event) => onChange({ kind: select(e) as TimelineFilter['kind'] })}>
        <option value="">${t.t('timeline.filter-all-kinds')}</option>
        ${TIMELINE_KINDS.map((k) => html`<option value=${k} ?selected=${filter.kind === k}>${t.t(`timeline.kind.${k}`)}</option>`)}
      </select></label
    >
    <label part="filter"
      ><span>${t.t('timeline.filter-node')}</span>
      <select part="filter-node" .value=${filter.nodeId ?? ''} @change=${(e: Event) => onChange({ nodeId: select(e) })}>
        <option value="">${t.t('timeline.filter-all-nodes')}</option>
        ${describe.nodes.map((n) => html`<option value=${n.id} ?selected=${filter.nodeId === n.id}>${n.title}</option>`)}
      </select></label
    >
    <input
      part="search"
      type="search"
      aria-label=${t.t('timeline.search')}
      placeholder=${t.t('timeline.search')}
      .value=${filter.query ?? ''}
      @input=${(e: Event) => onChange({ query: (e.target as HTMLInputElement).value })}
    />
    <span part="result-count">${t.plural('timeline.result-count', count)}</span>
    ${exportButton}
  </div>`;
}

/** What the composer needs from the element. */
export interface ComposerContext {
  readonly locale: LocaleController;
  readonly describe: DescribeContext;
  readonly draft: ComposerDraft;
  readonly kinds: readonly ComposerKind[];
  readonly mayNameSpeaker: boolean;
  readonly canReferenceView: boolean;
  readonly canReferenceAnnotation: boolean;
  readonly error: string;
  readonly onDraft: (patch: Partial<ComposerDraft>) => void;
  readonly onKeyDown: (event: KeyboardEvent) => void;
  readonly onSend: () => void;
  readonly onReferenceView: () => void;
  readonly onReferenceAnnotation: () => void;
  readonly ime: { start: () => void; end: () => void };
}

/** The composer. */
export function renderComposer(c: ComposerContext): TemplateResult {
  const t = c.locale;
  const d = c.draft;
  const value = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement).value;
  return html`<form
    part="composer"
    aria-label=${t.t('timeline.composer')}
    @submit=${(e: Event) => {
      e.preventDefault();
      c.onSend();
    }}
  >
    <div part="composer-options">
      <label
        ><span>${t.t('timeline.kind-picker')}</span>
        <select part="kind-picker" .value=${d.kind} @change=${(e: Event) => c.onDraft({ kind: value(e) as ComposerKind })}>
          ${c.kinds.map((k) => html`<option value=${k} ?selected=${d.kind === k}>${t.t(`timeline.kind.${k}`)}</option>`)}
        </select></label
      >
      ${d.kind === 'opinion'
        ? html`<label
              ><span>${t.t('timeline.stance')}</span>
              <select part="stance-picker" .value=${d.stance} @change=${(e: Event) => c.onDraft({ stance: value(e) as ComposerDraft['stance'] })}>
                ${STANCES.map((s) => html`<option value=${s} ?selected=${d.stance === s}>${t.t(`timeline.stance.${s}`)}</option>`)}
              </select></label
            >
            <label
              ><span>${t.t('timeline.node')}</span>
              <select part="node-picker" .value=${d.nodeId} @change=${(e: Event) => c.onDraft({ nodeId: value(e) })}>
                <option value="">${t.t('timeline.choose-node')}</option>
                ${c.describe.nodes.map((n) => html`<option value=${n.id} ?selected=${d.nodeId === n.id}>${n.title}</option>`)}
              </select></label
            >`
        : nothing}
      ${c.mayNameSpeaker
        ? html`<label
              ><span>${t.t('timeline.speaker')}</span>
              <input part="speaker" .value=${d.speakerName} placeholder=${t.t('timeline.speaker-hint')} @input=${(e: Event) => c.onDraft({ speakerName: value(e) })}
            /></label>
            <label
              ><span>${t.t('timeline.speaker-venue')}</span>
              <select part="speaker-venue" .value=${d.speakerVenue} @change=${(e: Event) => c.onDraft({ speakerVenue: value(e) })}>
                <option value=""></option>
                ${[...c.describe.venues.values()].map((v) => html`<option value=${v.id} ?selected=${d.speakerVenue === v.id}>${v.name}</option>`)}
              </select></label
            >`
        : nothing}
    </div>
    ${d.ref
      ? html`<div part="attached-ref">
          <span>${t.t('timeline.attached-ref', { label: anchorLabel(c.describe, d.ref) })}</span>
          <button type="button" part="remove-ref" aria-label=${t.t('timeline.remove-ref')} @click=${() => c.onDraft({ ref: undefined })}>×</button>
        </div>`
      : nothing}
    <textarea
      part="input"
      rows="2"
      aria-label=${t.t('timeline.composer-label')}
      placeholder=${t.t('timeline.composer-hint')}
      .value=${d.text}
      @input=${(e: Event) => c.onDraft({ text: value(e) })}
      @keydown=${c.onKeyDown}
      @compositionstart=${c.ime.start}
      @compositionend=${c.ime.end}
    ></textarea>
    <div part="composer-actions">
      <button type="button" part="reference-view" ?disabled=${!c.canReferenceView} title=${c.canReferenceView ? '' : t.t('timeline.no-view')} @click=${c.onReferenceView}>
        ${t.t('timeline.insert-view')}
      </button>
      <button type="button" part="reference-annotation" ?disabled=${!c.canReferenceAnnotation} @click=${c.onReferenceAnnotation}>
        ${t.t('timeline.insert-annotation')}
      </button>
      <button type="submit" part="send">${t.t('timeline.send')}</button>
    </div>
    ${c.error ? html`<p part="composer-error" role="alert">${c.error}</p>` : nothing}
  </form>`;
}
