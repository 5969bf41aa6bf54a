/**
 * Templates of `<hs-briefing>`'s outline: the nodes with their bodies and anchors, and, while
 * editing, each node's fields and the form that adds one. Text bindings only: titles, bodies and
 * labels are user text and are never parsed as HTML.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { OUTLINE_KINDS, readAnnotations, sectionTimes, type Anchor, type OutlineKind, type OutlineNode, type PresenterPosition } from '@huishen/model';
import type { HsBriefing } from './briefing.js';
import type { BriefingSnapshot } from './briefing-state.js';
import { parseBody } from './body-text.js';
import { formatDuration } from './duration.js';

function renderBody(text: string | undefined): TemplateResult | typeof nothing {
  const blocks = parseBody(text);
  if (!blocks.length) return nothing;
  return html`<div part="node-body" class="body">
    ${blocks.map((block) =>
      block.kind === 'list'
        ? html`<ul>
            ${block.items.map((item) => html`<li>${item}</li>`)}
          </ul>`
        : html`<p>${block.lines.map((line, i) => (i ? html`<br />${line}` : line))}</p>`,
    )}
  </div>`;
}

/** @internal The words for an anchor: its label, or the evidence title and page. */
export function anchorLabel(host: HsBriefing, anchor: Anchor): string {
  if (anchor.label) return anchor.label;
  const title = host.evidenceTitle(anchor.evidenceId);
  return anchor.page === undefined
    ? host.locale.t('briefing.anchor-evidence', { title })
    : host.locale.t('briefing.anchor-page', { title, page: anchor.page });
}

function renderAnchors(host: HsBriefing, node: OutlineNode, current: { nodeId?: string | undefined; anchor?: number | undefined } | undefined, editing: boolean) {
  if (!node.anchors.length && !editing) return nothing;
  return html`<ul class="anchors" aria-label=${host.locale.t('briefing.anchors')}>
    ${node.anchors.map(
      (anchor, index) => html`<li>
        <button
          part="anchor"
          class="anchor"
          aria-current=${current?.nodeId === node.id && current.anchor === index ? 'location' : 'false'}
          @click=${() => host.openAnchor(node.id, index)}
        >
          ${anchorLabel(host, anchor)}
        </button>
        ${editing
          ? html`<button
              class="small"
              aria-label=${host.locale.t('briefing.remove-anchor', { label: anchorLabel(host, anchor) })}
              @click=${() => host.outline.editNode(node.id, { anchors: node.anchors.filter((_, i) => i !== index) })}
            >
              ${host.locale.t('briefing.remove')}
            </button>`
          : nothing}
      </li>`,
    )}
    ${editing
      ? html`<li>
          <button class="small" @click=${() => host.outline.anchorCurrentView(node.id)}>${host.locale.t('briefing.anchor-current-view')}</button>
        </li>`
      : nothing}
  </ul>`;
}

/** The presenter's buttons showing (or hiding) each callout of the page being presented. */
function renderCallouts(host: HsBriefing, position: PresenterPosition | undefined) {
  const doc = host.room?.doc;
  if (!doc || !position?.evidenceId || position.page === undefined) return nothing;
  const callouts = readAnnotations(doc, { evidenceId: position.evidenceId, page: position.page }).filter((a) => a.kind === 'callout');
  if (!callouts.length) return nothing;
  return html`<ul class="anchors" aria-label=${host.locale.t('briefing.callouts')}>
    ${callouts.map((callout, i) => {
      const shown = position.calloutId === callout.id;
      const label = callout.text?.trim() || host.locale.t('briefing.callout-number', { n: i + 1 });
      return html`<li>
        <button part="callout-button" class="small" aria-pressed=${shown ? 'true' : 'false'} @click=${() => host.showCallout(shown ? undefined : callout.id)}>
          ${host.locale.t('briefing.show-callout', { label })}
        </button>
      </li>`;
    })}
  </ul>`;
}

function kindOptions(host: HsBriefing, selected: OutlineKind) {
  return OUTLINE_KINDS.map((kind) => html`<option value=${kind} ?selected=${kind === selected}>${host.locale.t(`briefing.kind.${kind}`)}</option>`);
}

function renderEditor(host: HsBriefing, node: OutlineNode, index: number, count: number) {
  const t = host.locale;
  return html`<div part="editor" class="editor">
    <label>
      <span>${t.t('briefing.field-kind')}</span>
      <select @change=${(e: Event) => host.outline.editNode(node.id, { kind: (e.target as HTMLSelectElement).value as OutlineKind })}>
        ${kindOptions(host, node.kind)}
      </select>
    </label>
    <label>
      <span>${t.t('briefing.field-title')}</span>
      <input .value=${node.title} required maxlength="500" @change=${(e: Event) => host.outline.editNode(node.id, { title: (e.target as HTMLInputElement).value })} />
    </label>
    <label class="wide">
      <span>${t.t('briefing.field-body')}</span>
      <textarea rows="4" .value=${node.body ?? ''} @change=${(e: Event) => host.outline.editNode(node.id, { body: (e.target as HTMLTextAreaElement).value })}></textarea>
    </label>
    <div class="row">
      <button class="small" ?disabled=${index === 0} @click=${() => host.outline.moveNode(node.id, { delta: -1 })}>${t.t('briefing.move-up')}</button>
      <button class="small" ?disabled=${index === count - 1} @click=${() => host.outline.moveNode(node.id, { delta: 1 })}>${t.t('briefing.move-down')}</button>
      <button class="small danger" @click=${() => host.outline.removeNode(node.id)}>${t.t('briefing.remove-node')}</button>
    </div>
  </div>`;
}

/** @internal The outline: one list item per node. */
export function renderOutline(host: HsBriefing, value: BriefingSnapshot, driving: boolean, editing: boolean, now: number) {
  const { nodes, position } = value.briefing;
  const t = host.locale;
  if (!nodes.length) return html`<p class="empty">${t.t('briefing.empty')}</p>`;
  const times = driving ? sectionTimes(value.agenda, now) : undefined;
  return html`<ol part="outline" class="outline" aria-label=${t.t('briefing.outline')}>
    ${repeat(
      nodes,
      (node) => node.id,
      (node, index) => {
        const current = position?.nodeId === node.id;
        const spent = times?.perNode.get(node.id);
        return html`<li
          part="node"
          class="node"
          data-node=${node.id}
          data-kind=${node.kind}
          aria-current=${current ? 'step' : 'false'}
          draggable=${editing ? 'true' : 'false'}
          @dragstart=${(e: DragEvent) => {
            e.dataTransfer?.setData('text/plain', node.title);
            host.outline.dragStart(node.id);
          }}
          @dragover=${(e: DragEvent) => editing && e.preventDefault()}
          @drop=${(e: DragEvent) => {
            e.preventDefault();
            host.outline.dropOn(node.id);
          }}
        >
          <div class="head">
            <span class="kind">${t.t(`briefing.kind.${node.kind}`)}</span>
            <button
              part="node-button"
              class="node-button"
              aria-describedby=${editing ? 'reorder-hint' : nothing}
              @click=${() => (driving ? host.present(node.id) : node.anchors.length && host.openAnchor(node.id, 0))}
            >
              ${node.title}
            </button>
            ${spent !== undefined ? html`<span class="spent" aria-label=${t.t('briefing.node-time', { time: formatDuration(spent) })}>${formatDuration(spent)}</span>` : nothing}
          </div>
          ${renderBody(node.body)} ${renderAnchors(host, node, position, editing)} ${driving && current ? renderCallouts(host, position) : nothing}
          ${editing ? renderEditor(host, node, index, nodes.length) : nothing}
        </li>`;
      },
    )}
  </ol>
  ${editing ? html`<p id="reorder-hint" class="hint">${t.t('briefing.reorder-hint')}</p>` : nothing}`;
}

/** @internal The form adding a node at the end. */
export function renderAddNode(host: HsBriefing) {
  const t = host.locale;
  const submit = (e: Event) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const kind = (form.elements.namedItem('kind') as HTMLSelectElement).value as OutlineKind;
    const title = form.elements.namedItem('title') as HTMLInputElement;
    host.outline.addNode(kind, title.value);
    title.value = '';
  };
  return html`<form part="add-node" class="add-node" @submit=${submit}>
    <label>
      <span>${t.t('briefing.field-kind')}</span>
      <select name="kind">${kindOptions(host, 'custom')}</select>
    </label>
    <label>
      <span>${t.t('briefing.field-title')}</span>
      <input name="title" required maxlength="500" />
    </label>
    <button type="submit">${t.t('briefing.add-node')}</button>
  </form>`;
}
