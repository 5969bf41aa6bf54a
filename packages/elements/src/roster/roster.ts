/**
 * `<hs-roster>` shows who is in the review room right now, venue by venue: name, role (the
 * presenter as the document names them), venue colour, and what each person is doing — presenting,
 * following the presenter, browsing on their own, or not viewing evidence. The chair can take a
 * roll call, which is written to the discussion timeline so it reaches the minutes.
 *
 * Everything comes from presence (who is connected) and the document (venues, presenter). A
 * departed participant disappears when their presence does.
 */
import { consume } from '@lit/context';
import { appendEntry, effectiveRole, readPeers, readPresenterId, readVenues, type PresenceState, type Role } from '@huishen/model';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import { rosterState } from '../follow/roster.js';
import { LocaleController } from '../i18n/locale-controller.js';
import { roomContext, type RoomContextValue } from '../room/room-context.js';
import { styles } from './roster.styles.js';

/** What a participant is doing, as the roster says it. */
export type ParticipantActivity = 'presenting' | 'following' | 'diverged' | 'idle';

/** One person in the roster. */
export interface RosterPerson {
  readonly userId: string;
  readonly name: string;
  readonly venue: string;
  readonly role: Exclude<Role, 'server'>;
  readonly color: string;
  readonly activity: ParticipantActivity;
  readonly self: boolean;
}

/** What `state` (one person's presence) is doing, given the presenter's id (the briefing's rule). */
export function activityOf(state: PresenceState, presenterId: string | undefined): ParticipantActivity {
  if (presenterId !== undefined && state.user.id === presenterId) return 'presenting';
  return rosterState({ ...state, clientId: 0 }, presenterId);
}

/** Everyone present (the local person first, then by venue and name), one entry per user. */
export function rosterPeople(room: RoomContextValue): RosterPerson[] {
  const presenterId = readPresenterId(room.doc);
  const entries = new Map<string, RosterPerson>();
  const add = (state: PresenceState, self: boolean) => {
    const { user } = state;
    if (entries.has(user.id) && !self) return; // the same person on a second device
    const role = effectiveRole({ userId: user.id, name: user.name, venue: user.venue, role: user.role }, { presenterId });
    entries.set(user.id, {
      userId: user.id,
      name: user.name,
      venue: user.venue,
      role: role === 'server' ? 'observer' : role,
      color: user.color,
      activity: activityOf(state, presenterId),
      self,
    });
  };
  const local = room.awareness?.getLocalState() as PresenceState | null | undefined;
  if (local?.user) add(local, true);
  if (room.awareness) for (const peer of readPeers(room.awareness)) add(peer, false);
  const collator = new Intl.Collator('zh');
  return [...entries.values()].sort((a, b) => Number(b.self) - Number(a.self) || collator.compare(a.venue, b.venue) || collator.compare(a.name, b.name));
}

/**
 * The participants present, grouped by venue, with role, venue colour and activity. The chair sees
 * a roll-call button that records who is present in the discussion timeline.
 *
 * @summary Who is in the review room, by venue, with role and following state.
 *
 * @csspart base - The whole roster (`role="region"`).
 * @csspart venue - One venue's group; `data-venue` holds its id.
 * @csspart venue-name - A venue's heading with its head count.
 * @csspart person - One participant; `data-activity` is `presenting`, `following`, `diverged` or
 *   `idle`, `data-self` marks the local person.
 * @csspart swatch - The venue-colour mark before a name.
 * @csspart name - A participant's name.
 * @csspart role - A participant's role.
 * @csspart activity - What the participant is doing.
 * @csspart roll-call - The chair's roll-call button.
 * @csspart empty - Said when nobody else is present.
 *
 * @cssproperty --hs-roster-color - Text colour. Falls back to `--hs-sys-color-on-surface`.
 * @cssproperty --hs-roster-meta-color - Role and activity. Falls back to
 *   `--hs-sys-color-on-surface-variant`.
 * @cssproperty --hs-roster-diverged-color - The "browsing on their own" activity. Falls back to
 *   `--hs-sys-color-pending`.
 * @cssproperty --hs-roster-following-color - The "following" activity. Falls back to
 *   `--hs-sys-color-success`.
 */
export class HsRoster extends LitElement {
  static override styles = styles;

  /** The room, from any `roomContext` provider. */
  @consume({ context: roomContext, subscribe: true })
  @state()
  room?: RoomContextValue;

  @state() private _announcement = '';

  /** @internal */
  readonly locale = new LocaleController(this);
  #observed: RoomContextValue | undefined;
  readonly #refresh = (): void => this.requestUpdate();

  /** The participants shown now. */
  get entries(): RosterPerson[] {
    return this.room ? rosterPeople(this.room) : [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#observe(this.room);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#observe(undefined);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('room')) this.#observe(this.room);
  }

  #observe(room: RoomContextValue | undefined): void {
    if (room === this.#observed) return;
    this.#observed?.awareness?.off('change', this.#refresh);
    this.#observed?.doc.off('update', this.#refresh);
    this.#observed = room;
    room?.awareness?.on('change', this.#refresh);
    room?.doc.on('update', this.#refresh);
  }

  /**
   * Records who is present now as the chair's entry in the discussion timeline (and announces it).
   * Only the chair may; resolves with the entry's id.
   */
  rollCall(): string | undefined {
    const room = this.room;
    const origin = room?.origin;
    if (!room || !origin || origin.actor.role !== 'chair') return undefined;
    const entries = this.entries;
    const text = this.locale.t('roster.roll-call-result', { present: entries.length, names: entries.map((e) => e.name).join('、') });
    const id = appendEntry(room.doc, { kind: 'comment', text }, origin);
    this._announcement = text;
    return id;
  }

  protected override render() {
    const room = this.room;
    const entries = this.entries;
    const venues = room ? readVenues(room.doc) : [];
    const venueName = (id: string) => venues.find((v) => v.id === id)?.name ?? id;
    const groups = new Map<string, RosterPerson[]>();
    for (const entry of entries) groups.set(entry.venue, [...(groups.get(entry.venue) ?? []), entry]);
    const isChair = room?.origin?.actor.role === 'chair';
    return html`<section part="base" role="region" aria-label=${this.locale.t('roster.label')}>
      ${[...groups].map(
        ([venue, people]) => html`<section part="venue" data-venue=${venue} aria-label=${venueName(venue)}>
          <h3 part="venue-name">${this.locale.plural('roster.venue-count', people.length, { venue: venueName(venue) })}</h3>
          <ul>
            ${people.map(
              (p) => html`<li part="person" data-user=${p.userId} data-activity=${p.activity} ?data-self=${p.self}>
                <span part="swatch" aria-hidden="true" style=${styleMap({ background: p.color })}></span>
                <span part="name">${p.name}${p.self ? this.locale.t('roster.you') : ''}</span>
                <span part="role">${this.locale.t(`roster.role.${p.role}`)}</span>
                <span part="activity">${this.locale.t(`roster.state.${p.activity}`)}</span>
              </li>`,
            )}
          </ul>
        </section>`,
      )}
      ${entries.filter((e) => !e.self).length === 0 ? html`<p part="empty">${this.locale.t('roster.empty')}</p>` : nothing}
      ${isChair ? html`<button part="roll-call" type="button" @click=${() => this.rollCall()}>${this.locale.t('roster.roll-call')}</button>` : nothing}
      <div class="visually-hidden" role="status" aria-live="polite">${this._announcement}</div>
    </section>`;
  }
}
