/**
 * Where pdf.js finds its assets. Components never import the pdf.js worker (a bundler would
 * inline it as a 1.3 MB string); the application serves the package's own files and says where,
 * once, before the first document opens:
 *
 * ```ts
 * import { configurePdfjs, pdfjsAssetsAt } from '@huishen/elements';
 * configurePdfjs(pdfjsAssetsAt('/static/pdfjs/', '/static/pdfjs-v4/'));
 * ```
 *
 * Two engines exist (see `engine.ts`): the current pdfjs-dist 6.x and pdfjs-dist 4.10.38 for
 * browsers below Chromium 125. Each needs its own worker (a worker refuses an API of another
 * version); CMaps and standard fonts are shared unless `floor` says otherwise. Every URL must be
 * absolute and directories must end in `/`: pdf.js resolves relative asset URLs against the
 * worker's URL, and a CMap fetched from the wrong place fails as "unexpected EOF in bcmap".
 */

/** Asset locations for one pdf.js engine. */
export interface PdfjsAssets {
  /** URL of `legacy/build/pdf.worker.mjs` of the matching pdfjs-dist version. */
  readonly workerSrc?: string;
  /** Directory of the packed CMaps (`cmaps/`). Needed for Chinese text in non-embedded fonts. */
  readonly cMapUrl?: string;
  /** Directory of the standard fonts (`standard_fonts/`). */
  readonly standardFontDataUrl?: string;
  /** Directory of the wasm decoders (`wasm/`; JBIG2 and JPEG 2000 scans). pdfjs-dist 6.x only. */
  readonly wasmUrl?: string;
  /** Directory of the ICC profiles (`iccs/`). pdfjs-dist 6.x only. */
  readonly iccUrl?: string;
}

/** Which engine to use: chosen by feature detection (`auto`), or forced (tests, diagnostics). */
export type PdfjsEngineChoice = 'auto' | 'current' | 'floor';

/** What {@link configurePdfjs} takes: the current engine's assets, and the floor engine's. */
export interface PdfjsConfig extends PdfjsAssets {
  /**
   * Assets of the floor engine (pdfjs-dist 4.10.38), used on browsers below Chromium 125. Its
   * `workerSrc` is required there; `cMapUrl` and `standardFontDataUrl` default to the ones above.
   */
  readonly floor?: PdfjsAssets;
  /** Force an engine instead of detecting one. Default `auto`. */
  readonly engine?: PdfjsEngineChoice;
}

/** Thrown when pdf.js is asked to open a document before its assets are configured. */
export class PdfjsConfigError extends Error {
  override readonly name = 'PdfjsConfigError';
}

let current: PdfjsConfig | undefined;

function absoluteDirectory(name: string, url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  let absolute: URL;
  try {
    absolute = new URL(url, document.baseURI);
  } catch {
    throw new PdfjsConfigError(`configurePdfjs: ${name} is not a URL: ${url}`);
  }
  const text = absolute.href;
  return text.endsWith('/') ? text : `${text}/`;
}

function absoluteFile(name: string, url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    return new URL(url, document.baseURI).href;
  } catch {
    throw new PdfjsConfigError(`configurePdfjs: ${name} is not a URL: ${url}`);
  }
}

function normalise(assets: PdfjsAssets): PdfjsAssets {
  return {
    workerSrc: absoluteFile('workerSrc', assets.workerSrc),
    cMapUrl: absoluteDirectory('cMapUrl', assets.cMapUrl),
    standardFontDataUrl: absoluteDirectory('standardFontDataUrl', assets.standardFontDataUrl),
    wasmUrl: absoluteDirectory('wasmUrl', assets.wasmUrl),
    iccUrl: absoluteDirectory('iccUrl', assets.iccUrl),
  };
}

/**
 * Sets where both pdf.js engines load their worker and assets from. Relative URLs are resolved
 * against the page (`document.baseURI`) and directories get their trailing `/`. Call it again to
 * change the settings for documents opened afterwards (an engine's worker, once started, stays).
 */
export function configurePdfjs(config: PdfjsConfig): void {
  const main = normalise(config);
  const floor = config.floor ? normalise(config.floor) : {};
  current = Object.freeze({
    ...main,
    engine: config.engine ?? 'auto',
    floor: Object.freeze({
      workerSrc: floor.workerSrc,
      cMapUrl: floor.cMapUrl ?? main.cMapUrl,
      standardFontDataUrl: floor.standardFontDataUrl ?? main.standardFontDataUrl,
    }),
  });
}

/** The settings from the last {@link configurePdfjs} call, or `undefined` before the first. */
export function pdfjsConfig(): PdfjsConfig | undefined {
  return current;
}

/**
 * A configuration for assets served in the pdfjs-dist package layout: `currentBase` is where
 * pdfjs-dist 6.x's package folder is served (holding `legacy/`, `cmaps/`, `standard_fonts/`,
 * `wasm/`, `iccs/`), `floorBase` the same for pdfjs-dist 4.10.38 (an npm alias such as
 * `pdfjs-dist-v4`).
 */
export function pdfjsAssetsAt(currentBase: string, floorBase?: string): PdfjsConfig {
  const dir = (base: string) => (base.endsWith('/') ? base : `${base}/`);
  const a = dir(currentBase);
  const config: PdfjsConfig = {
    workerSrc: `${a}legacy/build/pdf.worker.mjs`,
    cMapUrl: `${a}cmaps/`,
    standardFontDataUrl: `${a}standard_fonts/`,
    wasmUrl: `${a}wasm/`,
    iccUrl: `${a}iccs/`,
  };
  if (floorBase === undefined) return config;
  const b = dir(floorBase);
  return {
    ...config,
    floor: { workerSrc: `${b}legacy/build/pdf.worker.mjs`, cMapUrl: `${b}cmaps/`, standardFontDataUrl: `${b}standard_fonts/` },
  };
}
