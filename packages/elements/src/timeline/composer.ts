/**
 * The composer's state and the one function that turns it into a model entry. Kept apart from
 * the element so the rules (which kind needs what, when a reference turns a speech into an
 * evidence reference, who may name a speaker) read in one place.
 */
import type { Anchor, NewTimelineEntry, Stance } from '@huishen/model';
import type { ComposerKind } from './timeline-rights.js';

/** What the person is writing. */
export interface ComposerDraft {
  kind: ComposerKind;
  text: string;
  stance: Stance;
  /** Outline node of an opinion. */
  nodeId: string;
  /** Name of the speaker the recorder writes for (empty: the writer speaks for themself). */
  speakerName: string;
  /** Venue of that speaker (empty: the writer's venue). */
  speakerVenue: string;
  /** An evidence view or annotation to reference. */
  ref: Anchor | undefined;
}

/** A fresh draft of `kind`. */
export function emptyDraft(kind: ComposerKind = 'speech'): ComposerDraft {
  return { kind, text: '', stance: 'agree', nodeId: '', speakerName: '', speakerVenue: '', ref: undefined };
}

/** Why a draft cannot be sent yet. */
export type DraftProblem = 'empty' | 'no-node';

/**
 * The entry a draft becomes, or the reason it cannot be sent. A speech or comment with a
 * reference is posted as an `evidence-ref` entry carrying the text; a decision carries the
 * reference among its grounds; an opinion needs an outline node. The speaker is kept only when
 * `mayNameSpeaker` (the model and the server would refuse it otherwise).
 */
export function draftToEntry(draft: ComposerDraft, mayNameSpeaker: boolean): NewTimelineEntry | DraftProblem {
  const text = draft.text.trim();
  const speakerName = draft.speakerName.trim();
  const speaker =
    mayNameSpeaker && speakerName ? { speaker: { name: speakerName, ...(draft.speakerVenue ? { venue: draft.speakerVenue } : {}) } } : {};
  switch (draft.kind) {
    case 'speech':
    case 'comment':
      if (draft.ref) return { kind: 'evidence-ref', ref: draft.ref, ...(text ? { text } : {}), ...speaker };
      return text ? { kind: draft.kind, text, ...speaker } : 'empty';
    case 'opinion':
      if (!draft.nodeId) return 'no-node';
      return { kind: 'opinion', stance: draft.stance, nodeId: draft.nodeId, ...(text ? { text } : {}), ...speaker };
    case 'decision':
      if (!text) return 'empty';
      return { kind: 'decision', text, ...(draft.ref ? { references: [draft.ref] } : {}), ...speaker };
  }
}
