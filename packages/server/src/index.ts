/**
 * `@huishen/server`: the Huishen room server. See `createRoomServer` and the package README.
 */
export { createRoomServer, type RoomServer, type RoomServerOptions } from './server.js';
export { createTokenVerifier, mintToken, grantFromClaims, AuthError, type Authenticate, type Grant, type TokenInput, type VerifierKeys } from './auth.js';
export { DEFAULT_LIMITS, resolveLimits, type Limits } from './limits.js';
export { Metrics, consoleLogger, silentLogger, type Logger } from './metrics.js';
export * from './persistence/index.js';
export * from './blobs/index.js';
export { handleEvidenceRequest, type EvidenceHttpDeps } from './evidence-http.js';
export { handleLivekitTokenRequest, mintLivekitToken, livekitGrantsFor, type LivekitConfig, type LivekitHttpDeps, type LivekitTokenResponse } from './livekit.js';
