/**
 * Fired by `<hs-briefing>` when the presenter position moved to another outline node or anchor
 * (by the local presenter or received from the room). Bubbles and crosses shadow roots.
 */
export class HsBriefingNodeChangeEvent extends Event {
  /** The event's type. */
  static readonly eventName = 'hs-briefing-node-change';

  /** The outline node now presented (`undefined`: no node, e.g. a free spot in the evidence). */
  readonly nodeId: string | undefined;

  /** Index of the node's anchor shown, if any. */
  readonly anchor: number | undefined;

  /** The node presented before. */
  readonly previousNodeId: string | undefined;

  /** True when the move was made at this screen. */
  readonly local: boolean;

  constructor(nodeId: string | undefined, anchor: number | undefined, previousNodeId: string | undefined, local: boolean) {
    super(HsBriefingNodeChangeEvent.eventName, { bubbles: true, composed: true });
    this.nodeId = nodeId;
    this.anchor = anchor;
    this.previousNodeId = previousNodeId;
    this.local = local;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'hs-briefing-node-change': HsBriefingNodeChangeEvent;
  }
}
