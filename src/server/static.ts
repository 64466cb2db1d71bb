/**
 * The built dashboard, read into memory once at start. Requests are answered from this map only, so no
 * request path can ever reach a file outside the build folder.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, relative, sep } from "node:path";

export interface StaticFile {
  body: Uint8Array;
  type: string;
  cache: string;
}

export type StaticFiles = Map<string, StaticFile>;

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".map": "application/json",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
};

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    return d.isDirectory() ? walk(p) : d.isFile() ? [p] : [];
  });
}

/**
 * Every file under `dir`, by URL path ("/index.html", "/assets/index-3f2a.js"). Hashed assets may be cached
 * for good; everything else is revalidated, so a rebuilt dashboard shows at the next load.
 */
export function loadStaticFiles(dir: string): StaticFiles {
  const files: StaticFiles = new Map();
  for (const path of walk(dir)) {
    if (!statSync(path).isFile()) continue;
    const url = `/${relative(dir, path).split(sep).join("/")}`;
    files.set(url, {
      body: readFileSync(path),
      type: TYPES[extname(path)] ?? "application/octet-stream",
      cache: url.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache",
    });
  }
  return files;
}
