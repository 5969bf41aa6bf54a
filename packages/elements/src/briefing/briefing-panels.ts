/**
 * Templates of `<hs-briefing>` around the outline: the follower's follow bar, the presenter's
 * section timer and roster, the chair's hand-off control and the floating callout box.
 */
import { html, nothing } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { geometryBounds, readAnnotation, sectionTimes } from '@huishen/model';
import type { HsEvidenceViewer } from '../evidence-viewer/evidence-viewer.js';
import type { FollowState } from '../events/follow-change-event.js';
import { buildRoster, type RosterState } from '../follow/roster.js';
import type { HsBriefing } from './briefing.js';
import type { BriefingSnapshot } from './briefing-state.js';
import { formatDuration } from './duration.js';

/** @internal The follow status line and its one button. */
export function renderFollowBar(host: HsBriefing, state: FollowState, presenterId: string | undefined) {
  if (presenterId === undefined) return nothing;
  const t = host.locale;
  const name = host.presenterName();
  return html`<div part="follow-bar" class="follow-bar" data-state=${state}>
    <span class="follow-text">${t.t(`briefing.follow-${state}`, { name })}</span>
    ${state === 'following'
      ? html`<button part="follow-toggle" class="small" @click=${() => host.setFollowing(false)}>${t.t('briefing.stop-following')}</button>`
      : html`<button part="return-button" class="return" aria-keyshortcuts="f" @click=${() => host.rejoin()}>
          ${t.t(state === 'diverged' ? 'briefing.return' : 'briefing.start-following')}
        </button>`}
  </div>`;
}

/** @internal Elapsed on the current node and in total. */
export function renderTimer(host: HsBriefing, value: BriefingSnapshot, now: number) {
  const times = sectionTimes(value.agenda, now);
  if (!times.currentNodeId) return nothing;
  const t = host.locale;
  return html`<div part="timer" class="timer" role="timer" aria-label=${t.t('briefing.timer')}>
    <span>${t.t('briefing.timer-section', { time: formatDuration(times.current) })}</span>
    <span>${t.t('briefing.timer-total', { time: formatDuration(times.total) })}</span>
  </div>`;
}

const MARK: Readonly<Record<RosterState, string>> = { following: '●', diverged: '◐', idle: '○' };

/** @internal Who follows, per venue. */
export function renderRoster(host: HsBriefing, value: BriefingSnapshot) {
  const t = host.locale;
  const venues = buildRoster(value.peers, value.briefing.presenterId, value.venues.map((v) => v.id));
  const name = (id: string) => value.venues.find((v) => v.id === id)?.name ?? id;
  return html`<section part="roster" class="roster" aria-label=${t.t('briefing.roster')}>
    <h3>${t.t('briefing.roster')}</h3>
    ${venues.length === 0 ? html`<p class="empty">${t.t('briefing.roster-empty')}</p>` : nothing}
    ${venues.map(
      (venue) => html`<div class="venue">
        <h4>${name(venue.venue)}</h4>
        <ul>
          ${venue.entries.map(
            (entry) => html`<li data-user=${entry.userId} data-state=${entry.state}>
              <span class="mark" aria-hidden="true">${MARK[entry.state]}</span>
              <span class="who">${entry.name}</span>
              <span class="state">${t.t(`briefing.roster-${entry.state}`)}</span>
            </li>`,
          )}
        </ul>
      </div>`,
    )}
  </section>`;
}

/** @internal The chair's "make presenter" control. */
export function renderHandOff(host: HsBriefing, value: BriefingSnapshot) {
  const t = host.locale;
  const me = host.room?.origin?.actor;
  const people = new Map<string, string>();
  if (me) people.set(me.userId, me.name);
  for (const peer of value.peers) if (peer.user.role !== 'observer') people.set(peer.user.id, peer.user.name);
  const current = value.briefing.presenterId;
  const submit = (e: Event) => {
    e.preventDefault();
    const select = (e.target as HTMLFormElement).elements.namedItem('presenter') as HTMLSelectElement;
    host.handOff(select.value, people.get(select.value));
  };
  return html`<form part="hand-off" class="hand-off" @submit=${submit}>
    <label>
      <span>${t.t('briefing.hand-off-label')}</span>
      <select name="presenter">
        ${[...people].map(([id, name]) => html`<option value=${id} ?selected=${id === current}>${name}</option>`)}
      </select>
    </label>
    <button type="submit">${t.t('briefing.hand-off')}</button>
  </form>`;
}

/** @internal The callout the presenter shows, magnified in a floating box. */
export function renderCallout(host: HsBriefing, calloutId: string) {
  const doc = host.room?.doc;
  const annotation = doc ? readAnnotation(doc, calloutId) : undefined;
  if (!annotation) return nothing;
  const t = host.locale;
  const [x1, y1, x2, y2] = geometryBounds(annotation.geometry);
  const fit = (el: Element | undefined) => {
    if (!(el instanceof HTMLElement) || el.dataset['callout'] === calloutId) return;
    el.dataset['callout'] = calloutId;
    (el as HsEvidenceViewer).fitRegion(annotation.page, [x1, y1, x2, y2]);
  };
  return html`<div part="callout" class="callout" role="dialog" aria-label=${t.t('briefing.callout')}>
    <div class="callout-head">
      <span>${t.t('briefing.callout-from', { name: host.presenterName() })}</span>
      <button class="small" @click=${() => host.dismissCallout()}>${t.t('briefing.close')}</button>
    </div>
    <hs-evidence-viewer class="callout-viewer" evidence-id=${annotation.evidenceId} ${ref(fit)}></hs-evidence-viewer>
    ${annotation.text ? html`<p class="callout-text">${annotation.text}</p>` : nothing}
  </div>`;
}
