/** Types of `livekit.mjs` (plain JavaScript so the WTR config and `test/run.mjs` can load it). */
export declare const LIVEKIT_VERSION: string;
export declare function livekitBinary(): string;
export declare function livekitBuildCommand(): string;
export declare function ensureLivekit(options?: { build?: boolean; log?: (line: string) => void }): { binary: string } | { reason: string };
export interface RunningLivekit {
  /** `ws://127.0.0.1:<port>` for `room.connect()`. */
  url: string;
  /** `http://127.0.0.1:<port>`. */
  httpUrl: string;
  apiKey: string;
  apiSecret: string;
  stop(): Promise<void>;
}
export declare function startLivekit(options?: { binary?: string; timeoutMs?: number }): Promise<RunningLivekit>;
