/**
 * The outline's editing verbs, as `<hs-briefing>`'s templates call them: add, edit, remove and
 * reorder nodes (keyboard and drag), anchor the viewer's current view. Each checks the right to
 * edit first and writes through one `@huishen/model` operation under the room's origin.
 */
import { addOutlineNode, editOutlineNode, moveOutlineNode, removeOutlineNode, type Anchor, type OutlineKind, type OutlineNode } from '@huishen/model';
import type { HsEvidenceViewer } from '../evidence-viewer/evidence-viewer.js';
import type { FollowTarget } from '../follow/follow-target.js';
import type { RoomContextValue } from '../room/room-context.js';

/** Options of an {@link OutlineEditor}; every field is read at the moment of the edit. */
export interface OutlineEditorOptions {
  /** The room written to. */
  room: () => RoomContextValue | undefined;
  /** Whether the person at this screen may edit the outline now. */
  canEdit: () => boolean;
  /** The outline as read, in order. */
  nodes: () => readonly OutlineNode[];
  /** The viewer whose current view "anchor the current view" takes. */
  viewer: () => HsEvidenceViewer | undefined;
  /** What that viewer showed last (its visible region). */
  lastView: () => FollowTarget | undefined;
  /** Called after a node was moved (to keep the focus on it). */
  onMoved?: (id: string) => void;
}

/** A node's editable fields. */
export type OutlinePatch = { kind?: OutlineKind; title?: string; body?: string; anchors?: Anchor[] };

/** The editing verbs of one briefing (see the module comment). */
export class OutlineEditor {
  readonly #options: OutlineEditorOptions;
  #dragged: string | undefined;

  constructor(options: OutlineEditorOptions) {
    this.#options = options;
  }

  #writable(): RoomContextValue | undefined {
    const room = this.#options.room();
    return room?.origin && this.#options.canEdit() ? room : undefined;
  }

  /** Adds a node at the end; a blank title adds nothing. */
  addNode(kind: OutlineKind, title: string): void {
    const room = this.#writable();
    if (!room || !title.trim()) return;
    addOutlineNode(room.doc, { kind, title: title.trim() }, room.origin!);
  }

  /** Edits a node; a blank title is refused (the node keeps its title). */
  editNode(id: string, patch: OutlinePatch): void {
    const room = this.#writable();
    if (!room || (patch.title !== undefined && !patch.title.trim())) return;
    editOutlineNode(room.doc, id, patch.title === undefined ? patch : { ...patch, title: patch.title.trim() }, room.origin!);
  }

  /** Removes a node. */
  removeNode(id: string): void {
    const room = this.#writable();
    if (room) removeOutlineNode(room.doc, id, room.origin!);
  }

  /** Moves a node by `delta` places (keyboard) or to `index` (drop); out-of-range moves do nothing. */
  moveNode(id: string, to: { delta: number } | { index: number }): void {
    const room = this.#writable();
    if (!room) return;
    const nodes = this.#options.nodes();
    const from = nodes.findIndex((n) => n.id === id);
    if (from < 0) return;
    const index = 'delta' in to ? from + to.delta : to.index;
    if (index < 0 || index >= nodes.length || index === from) return;
    moveOutlineNode(room.doc, id, index, room.origin!);
    this.#options.onMoved?.(id);
  }

  /** Adds an anchor at what the viewer shows now: its evidence, page and visible region. */
  anchorCurrentView(nodeId: string): void {
    const viewer = this.#options.viewer();
    const node = this.#options.nodes().find((n) => n.id === nodeId);
    if (!viewer || !node || !viewer.evidenceId || viewer.status !== 'ready') return;
    const view = this.#options.lastView();
    const anchor: Anchor = { evidenceId: viewer.evidenceId, page: viewer.page };
    if (view?.evidenceId === viewer.evidenceId && view.page === viewer.page && view.region) anchor.region = [...view.region];
    this.editNode(nodeId, { anchors: [...node.anchors, anchor] });
  }

  /** A drag of node `id` started. */
  dragStart(id: string): void {
    this.#dragged = id;
  }

  /** The dragged node was dropped on node `targetId`: it takes that node's place. */
  dropOn(targetId: string): void {
    const dragged = this.#dragged;
    this.#dragged = undefined;
    if (!dragged || dragged === targetId) return;
    const index = this.#options.nodes().findIndex((n) => n.id === targetId);
    if (index >= 0) this.moveNode(dragged, { index });
  }
}
