/**
 * Words for timeline entries, shared by the element and the minutes: localised system messages
 * (filled from the entry's params, with sensible fallbacks), labels of evidence references, and
 * times in the locale's format and the room's time zone. Everything returns plain strings meant
 * for text bindings or HTML escaping — never markup.
 */
import type { Anchor, Evidence, OutlineNode, TimelineEntry, Venue } from '@huishen/model';
import type { Locale } from '../i18n/locale.js';
import { translate } from '../i18n/messages.js';

/** What the describers need to know about the room. */
export interface DescribeContext {
  readonly locale: Locale;
  readonly venues: ReadonlyMap<string, Venue>;
  readonly evidence: ReadonlyMap<string, Evidence>;
  readonly nodes: readonly OutlineNode[];
}

/** The BCP 47 tag `Intl` formats a {@link Locale} with. */
export function intlTag(locale: Locale): string {
  return locale === 'zh-Hant' ? 'zh-TW' : locale === 'en' ? 'en' : 'zh-CN';
}

/** The time zone the browser runs in (the default when the room names none). */
export function defaultTimeZone(): string {
  browserZone ??= new Intl.DateTimeFormat().resolvedOptions().timeZone;
  return browserZone;
}
let browserZone: string | undefined;

const knownZones = new Map<string, boolean>();

/** True when `Intl` knows `timeZone` (remembered: building a formatter to find out is slow). */
export function isTimeZone(timeZone: string): boolean {
  let known = knownZones.get(timeZone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone });
      known = true;
    } catch {
      known = false;
    }
    knownZones.set(timeZone, known);
  }
  return known;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * Formats `time` (ms since the epoch) for `locale` in `timeZone` (an unknown zone falls back to
 * UTC so output never depends on the machine): `style` `time` gives 14:05:09, `full` adds the
 * date.
 */
export function formatTime(time: number, locale: Locale, timeZone: string, style: 'time' | 'full' = 'time'): string {
  const key = `${locale}|${timeZone}|${style}`;
  let format = formats.get(key);
  if (!format) {
    const zone = isTimeZone(timeZone) ? timeZone : 'UTC';
    format =
      style === 'time'
        ? new Intl.DateTimeFormat(intlTag(locale), { timeZone: zone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
        : new Intl.DateTimeFormat(intlTag(locale), {
            timeZone: zone,
            year: 'numeric',
            month: '2-digit',
            day: '2-digit',
            hour: '2-digit',
            minute: '2-digit',
            second: '2-digit',
            hourCycle: 'h23',
          });
    formats.set(key, format);
  }
  return format.format(time);
}

/** A venue's display name (its id when unknown). */
export function venueName(ctx: DescribeContext, id: string): string {
  return ctx.venues.get(id)?.name ?? id;
}

/** An outline node's title, or the localised "removed" placeholder. */
export function nodeTitle(ctx: DescribeContext, id: string): string {
  return ctx.nodes.find((n) => n.id === id)?.title ?? translate(ctx.locale, 'timeline.unknown-node');
}

/** The label of an evidence reference: title, page, annotation. */
export function anchorLabel(ctx: DescribeContext, anchor: Anchor): string {
  const title = anchor.label ?? ctx.evidence.get(anchor.evidenceId)?.title ?? translate(ctx.locale, 'timeline.unknown-evidence');
  if (anchor.page === undefined) return title;
  return anchor.annotationId
    ? translate(ctx.locale, 'timeline.ref-annotation', { title, page: anchor.page })
    : translate(ctx.locale, 'timeline.ref-page', { title, page: anchor.page });
}

/** The localised message of a system entry, its placeholders filled from the entry's params. */
export function systemText(ctx: DescribeContext, entry: Extract<TimelineEntry, { kind: 'system' }>): string {
  const params = entry.event.params ?? {};
  const str = (key: string): string | undefined => (typeof params[key] === 'string' ? (params[key] as string) : undefined);
  const evidenceId = str('evidenceId');
  const filled = {
    name: str('name') ?? str('presenterName') ?? entry.authorName,
    title: str('title') ?? (evidenceId ? ctx.evidence.get(evidenceId)?.title : undefined) ?? translate(ctx.locale, 'timeline.unknown-evidence'),
    venue: venueName(ctx, str('venue') ?? entry.venue),
    page: typeof params['page'] === 'number' ? params['page'] : (str('page') ?? ''),
  };
  const message = translate(ctx.locale, `timeline.system.${entry.event.code}`, filled);
  return entry.text ? `${message} — ${entry.text}` : message;
}

/**
 * The main text of an entry as one line of words: what was said, the opinion's stance and
 * subject, the agenda item, the system message. Used for search, announcements and the minutes.
 */
export function entryText(ctx: DescribeContext, entry: TimelineEntry): string {
  switch (entry.kind) {
    case 'system':
      return systemText(ctx, entry);
    case 'agenda':
      return translate(ctx.locale, 'timeline.agenda-to', { node: nodeTitle(ctx, entry.nodeId) }) + (entry.text ? ` — ${entry.text}` : '');
    case 'opinion':
      return [
        translate(ctx.locale, `timeline.stance.${entry.stance}`),
        translate(ctx.locale, 'timeline.opinion-on', { node: nodeTitle(ctx, entry.nodeId) }),
        entry.text ?? '',
      ]
        .filter(Boolean)
        .join(' ');
    case 'evidence-ref':
      return [anchorLabel(ctx, entry.ref), entry.text ?? ''].filter(Boolean).join(' — ');
    default:
      return entry.text;
  }
}
