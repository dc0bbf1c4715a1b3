/**
 * Bundle size: gzip size (node's zlib, default level) of dist/module.js and of the chunks the first
 * page loads. Code loads chunks with webpack's `__webpack_require__.e(id)`; the first page, the SLO list,
 * needs the chunk group of the lazily imported app root (the group one of whose chunks holds
 * components/App/App, found through the source maps), the group of the list's own code (imported with its
 * route) and the en-US translations chunk. Other chunks (other languages, the configuration page, the
 * other pages) are listed as loaded later.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface ChunkSize {
  file: string;
  bytes: number;
  gzipBytes: number;
  /** What the chunk holds (its first own source, or a node_modules package). */
  holds: string;
}

export interface BundleResult {
  built: boolean;
  /** When dist/module.js was written (ISO). */
  builtAt: string;
  moduleJs: ChunkSize;
  firstPage: ChunkSize[];
  firstPageGzipBytes: number;
  later: ChunkSize[];
  allGzipBytes: number;
}

function describe(dist: string, file: string): string {
  const map = path.join(dist, `${file}.map`);
  if (!existsSync(map)) {
    return '';
  }
  const sources: string[] = JSON.parse(readFileSync(map, 'utf8')).sources ?? [];
  const own = sources.filter((s) => !s.includes('node_modules') && !s.includes('/webpack/'));
  if (own.length) {
    return `${own.length} own modules, e.g. ${own[own.length - 1].replace(/^webpack:\/\/[^/]*\/\.\//, '')}`;
  }
  const packages = new Set(sources.map((s) => /node_modules\/((@[^/]+\/)?[^/]+)/.exec(s)?.[1] ?? s));
  const locale = sources.map((s) => /locales\/([^/]+)\//.exec(s)?.[1]).find(Boolean);
  return locale ? `${[...packages].join(', ')} translations (${locale})` : [...packages].slice(0, 3).join(', ');
}

function sources(dist: string, file: string): string[] {
  const map = path.join(dist, `${file}.map`);
  return existsSync(map) ? (JSON.parse(readFileSync(map, 'utf8')).sources ?? []) : [];
}

export function measureBundle(repo: string, log: (text: string) => void): BundleResult {
  const dist = path.join(repo, 'dist');
  // Always built from the sources here: a dist/ left from other work would give another build's sizes.
  log('running npm run build');
  const r = spawnSync('npm', ['run', 'build'], { cwd: repo, stdio: 'inherit' });
  if (r.status !== 0 || !existsSync(path.join(dist, 'module.js'))) {
    throw new Error('npm run build failed');
  }
  const size = (file: string): ChunkSize => {
    const bytes = readFileSync(path.join(dist, file));
    return { file, bytes: bytes.length, gzipBytes: gzipSync(bytes).length, holds: describe(dist, file) };
  };
  const moduleJs = size('module.js');
  const chunkFiles = readdirSync(dist).filter((f) => f.endsWith('.js') && f !== 'module.js');
  // Chunk groups: Promise.all([x.e(1),x.e(2)]) and single x.e(3), in module.js (the app root) and in the
  // chunks (each page's code, imported by the app root with its route).
  const groups: string[][] = [];
  const inGroups = new Set<string>();
  for (const file of ['module.js', ...chunkFiles]) {
    const code = readFileSync(path.join(dist, file), 'utf8');
    for (const m of code.matchAll(/Promise\.all\(\[((?:\w+\.e\(\d+\),?)+)\]\)/g)) {
      const ids = [...m[1].matchAll(/\.e\((\d+)\)/g)].map((x) => x[1]);
      groups.push(ids);
      ids.forEach((id) => inGroups.add(id));
    }
    for (const m of code.matchAll(/\w+\.e\((\d+)\)/g)) {
      if (!inGroups.has(m[1])) {
        groups.push([m[1]]);
        inGroups.add(m[1]);
      }
    }
  }
  const fileOf = (id: string) => chunkFiles.find((f) => f === `${id}.js`);
  const groupHolding = (source: RegExp) =>
    groups.find((ids) =>
      ids.some((id) => {
        const file = fileOf(id);
        return file !== undefined && sources(dist, file).some((s) => source.test(s));
      })
    ) ?? [];
  // The first page is the SLO list, the app's landing page: the app root's chunks and the list's.
  const appGroup = [
    ...groupHolding(/components\/App\/App\.[jt]sx?$/),
    ...groupHolding(/pages\/SloList\/SloListView\.[jt]sx?$/),
  ];
  const localeChunk = chunkFiles.find((f) => sources(dist, f).some((s) => s.includes('locales/en-US/')));
  const first = new Set<string>([...appGroup.map((id) => `${id}.js`), ...(localeChunk ? [localeChunk] : [])]);
  const firstPage = [...first].filter((f) => chunkFiles.includes(f)).map(size);
  const later = chunkFiles.filter((f) => !first.has(f)).map(size);
  return {
    built: true,
    builtAt: statSync(path.join(dist, 'module.js')).mtime.toISOString(),
    moduleJs,
    firstPage,
    firstPageGzipBytes: moduleJs.gzipBytes + firstPage.reduce((s, c) => s + c.gzipBytes, 0),
    later,
    allGzipBytes: moduleJs.gzipBytes + [...firstPage, ...later].reduce((s, c) => s + c.gzipBytes, 0),
  };
}
