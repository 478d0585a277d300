import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';

// The installer configuration, loaded and schema-checked by electron-builder's own code (the same
// functions `electron-builder` runs before a build). No build runs here: it would download Electron.
const root = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
// app-builder-lib is electron-builder's engine; these are the modules its CLI calls.
const builderConfig = require('app-builder-lib/out/util/config/config.js') as {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: object | null): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, debugLogger: { isEnabled: boolean; add(): void }): Promise<void>;
};
interface MatcherFilter {
  createFilter(): (file: string, stat: { isDirectory(): boolean; moduleFullFilePath?: string }) => boolean;
}
const { FileMatcher, getNodeModuleFileMatcher } = require('app-builder-lib/out/fileMatcher.js') as {
  FileMatcher: new (from: string, to: string, macroExpander: (s: string) => string, patterns?: string[]) => MatcherFilter;
  /** The matcher electron-builder applies to each production dependency it copies: only the `files` exclusions. */
  getNodeModuleFileMatcher(appDir: string, destination: string, macroExpander: (s: string) => string, platformOptions: object, packager: { config: BuilderConfig; debugLogger: { isEnabled: boolean } }): MatcherFilter;
};

type Target = string | { target: string; arch?: string[] };
interface BuilderConfig {
  appId?: string;
  productName?: string;
  extraMetadata?: Record<string, unknown>;
  directories?: { buildResources?: string; output?: string };
  /** Normalised by getConfig to pattern sets; the one without `from` is the app folder's. */
  files?: { from?: string; filter?: string[] }[];
  extraResources?: { from: string; to: string; filter?: string[] }[];
  asar?: boolean;
  fileAssociations?: { ext: string; name?: string; mimeType?: string; role?: string; rank?: string }[];
  electronFuses?: Record<string, boolean>;
  linux?: { target?: Target[]; icon?: string; maintainer?: string };
  win?: { target?: Target[]; icon?: string };
  mac?: { target?: Target[]; icon?: string };
}

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string;
  productName: string;
  version: string;
  main: string;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
};

let config: BuilderConfig;
beforeAll(async () => {
  config = await builderConfig.getConfig(root, null, null);
});

const targetNames = (targets: Target[] | undefined): string[] => (targets ?? []).map((t) => (typeof t === 'string' ? t : t.target).toLowerCase());

/** Whether electron-builder's matcher would copy `rel` (relative to `from`) with these patterns. */
function copies(from: string, patterns: string[] | undefined, rel: string): boolean {
  const filter = new FileMatcher(from, '/dest', (s) => s, patterns).createFilter();
  return filter(join(from, rel), { isDirectory: () => false });
}

/** Width, height, bit depth and colour type from a PNG's IHDR, after checking signature and CRC-less structure. */
function pngInfo(bytes: Buffer): { width: number; height: number; bitDepth: number; colorType: number } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!bytes.subarray(0, 8).equals(signature)) throw new Error('not a PNG (bad signature)');
  if (bytes.toString('latin1', 12, 16) !== 'IHDR') throw new Error('not a PNG (no IHDR first)');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), bitDepth: bytes[24]!, colorType: bytes[25]! };
}

/**
 * Whether electron-builder would pack `node_modules/<rel>` into app.asar when building for
 * `platform`: its own node-module matcher, given the path the way its copier names module files.
 */
function packsModuleFile(platform: 'linux' | 'win' | 'mac', rel: string): boolean {
  const matcher = getNodeModuleFileMatcher(root, '/dest', (s) => s, config[platform] ?? {}, { config, debugLogger: { isEnabled: false } });
  return matcher.createFilter()(join(root, 'node_modules', rel), { isDirectory: () => false, moduleFullFilePath: `node_modules/${rel}` });
}

/** The app folder's file patterns, as electron-builder will apply them. */
const appFilePatterns = (): string[] | undefined => config.files?.find((f) => f.from === undefined)?.filter;

/**
 * Decodes an 8-bit RGBA, non-interlaced PNG to raw pixels (rows of width*4 bytes): inflates the
 * IDAT data and undoes each row's filter. Proves the image data is complete, not just the header.
 */
function pngPixels(bytes: Buffer, width: number, height: number): Buffer {
  const chunks: Buffer[] = [];
  let offset = 8;
  let sawEnd = false;
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    if (type === 'IDAT') chunks.push(bytes.subarray(offset + 8, offset + 8 + length));
    if (type === 'IEND') sawEnd = true;
    offset += 12 + length;
  }
  if (!sawEnd) throw new Error('PNG has no IEND chunk (truncated)');
  const raw = inflateSync(Buffer.concat(chunks));
  const stride = width * 4;
  if (raw.length !== height * (1 + stride)) throw new Error(`PNG data is ${raw.length} bytes, expected ${height * (1 + stride)}`);
  const out = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (1 + stride)]!;
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (1 + stride) + 1 + x]!;
      const a = x >= 4 ? out[y * stride + x - 4]! : 0;
      const b = y > 0 ? out[(y - 1) * stride + x]! : 0;
      const c = x >= 4 && y > 0 ? out[(y - 1) * stride + x - 4]! : 0;
      let predicted: number;
      if (filter === 0) predicted = 0;
      else if (filter === 1) predicted = a;
      else if (filter === 2) predicted = b;
      else if (filter === 3) predicted = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      } else throw new Error(`PNG row ${y} has unknown filter ${filter}`);
      out[y * stride + x] = (v + predicted) & 0xff;
    }
  }
  return out;
}

describe('installer configuration (electron-builder.yml)', () => {
  it('is valid for electron-builder: its own schema check passes', async () => {
    await expect(builderConfig.validateConfiguration(config, { isEnabled: false, add: () => undefined })).resolves.toBeUndefined();
  });

  it('names the app: appId, productName from package.json, version not overridden', () => {
    expect(config.appId).toMatch(/^[a-z0-9]+(\.[a-z0-9-]+){2,}$/);
    expect(config.productName).toBe(pkg.productName);
    expect(config.productName).toBe('Report Workbench');
    // The installers take package.json's version; nothing in the config replaces it.
    expect(config.extraMetadata?.version).toBeUndefined();
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+(-[\w.]+)?$/);
  });

  it('builds an AppImage and a .deb on Linux, an NSIS installer on Windows and a .dmg on macOS', () => {
    expect(targetNames(config.linux?.target).sort()).toEqual(['appimage', 'deb']);
    expect(targetNames(config.win?.target)).toEqual(['nsis']);
    expect(targetNames(config.mac?.target)).toEqual(['dmg']);
    // fpm refuses a .deb without a maintainer; package.json has no author email.
    expect(config.linux?.maintainer).toMatch(/<[^@\s]+@[^>\s]+>/);
  });

  it('registers .pdf and .txt as "Open with Report Workbench", without claiming to be their default app', () => {
    const byExt = new Map((config.fileAssociations ?? []).map((a) => [a.ext, a]));
    expect([...byExt.keys()].sort()).toEqual(['pdf', 'txt']);
    expect(byExt.get('pdf')).toMatchObject({ mimeType: 'application/pdf', role: 'Viewer', rank: 'Alternate' });
    expect(byExt.get('txt')).toMatchObject({ mimeType: 'text/plain', role: 'Viewer', rank: 'Alternate' });
    for (const a of byExt.values()) expect(a.name, a.ext).toBeTruthy();
  });

  it('sets the Electron fuses: no RunAsNode, NODE_OPTIONS or --inspect; cookie encryption, ASAR integrity, app only from ASAR', () => {
    expect(config.asar).not.toBe(false);
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('has one 1024×1024 RGBA PNG app icon, complete, used for every platform', () => {
    const icons = new Set([config.linux?.icon, config.win?.icon, config.mac?.icon]);
    expect([...icons]).toEqual(['resources/icon.png']);
    expect(config.directories?.buildResources).toBe('resources');
    const bytes = readFileSync(join(root, 'resources/icon.png'));
    const info = pngInfo(bytes);
    expect(info).toEqual({ width: 1024, height: 1024, bitDepth: 8, colorType: 6 });
    const pixels = pngPixels(bytes, info.width, info.height);
    const rgba = (x: number, y: number): number[] => [...pixels.subarray((y * 1024 + x) * 4, (y * 1024 + x) * 4 + 4)];
    // Transparent outside the inset tile, an opaque blue tile, the white page in the middle.
    expect(rgba(2, 2)[3]).toBe(0);
    expect(rgba(1020, 1020)[3]).toBe(0);
    const [r, g, b, a] = rgba(150, 512);
    expect(a).toBe(255);
    expect(b!).toBeGreaterThan(r! + 60);
    expect(g!).toBeGreaterThan(r!);
    expect(rgba(320, 760).slice(0, 3).every((v) => v > 220)).toBe(true);
  });

  it('packs what the app loads at runtime: main, preload, renderer, package.json', () => {
    // The preload path window.ts gives BrowserWindow, and the renderer folder protocol.ts serves.
    const needed = [pkg.main, 'out/main/chunks/ingest-worker-abc123.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'out/renderer/assets/index-abc123.js', 'out/renderer/pdfjs/cmaps/Adobe-Japan1-UCS2.bcmap', 'package.json'];
    expect(pkg.main).toBe('out/main/index.js');
    for (const rel of needed) expect(copies(root, appFilePatterns(), rel), rel).toBe(true);
    expect(readFileSync(join(root, 'src/main/window.ts'), 'utf8')).toContain("join(options.preloadDir, 'index.cjs')");
  });

  it('leaves sources, tests, scripts, docs, source maps and the web host build out of the app', () => {
    const excluded = ['src/main/index.ts', 'src/renderer/src/App.tsx', 'tests/packaging.test.ts', 'e2e/reader.e2e.ts', 'scripts/test-all.mjs', 'docs/reliability.md', 'out/web/index.html', 'out/main/index.js.map', 'resources/icon.svg', 'resources/samples/tip-2015-excerpt.pdf', 'electron-builder.yml', 'README.md', 'tsconfig.json'];
    for (const rel of excluded) expect(copies(root, appFilePatterns(), rel), rel).toBe(false);
  });

  it('packs only the packages main loads at runtime (pdfjs-dist, valibot), not the renderer’s or the CLI’s', () => {
    // What main loads: pdf.js's Node build with its fonts, CMaps and wasm (src/node/pdfjs-node.ts),
    // the optional @napi-rs/canvas that build requires when installed, and valibot (the IPC contract).
    const mainLoads = ['pdfjs-dist', 'valibot'];
    const kept = [
      'pdfjs-dist/package.json',
      'pdfjs-dist/legacy/build/pdf.mjs',
      'pdfjs-dist/legacy/build/pdf.worker.mjs',
      'pdfjs-dist/standard_fonts/FoxitSerif.pfb',
      'pdfjs-dist/cmaps/Adobe-Japan1-UCS2.bcmap',
      'pdfjs-dist/wasm/openjpeg.wasm',
      'valibot/package.json',
      'valibot/dist/index.mjs',
      '@napi-rs/canvas/package.json',
      '@napi-rs/canvas/index.js',
    ];
    // Everything else the dependencies bring, bundled into out/renderer by vite or only for the CLI:
    // every other direct dependency, and some of the heaviest transitive ones (tsx's esbuild binary,
    // the icon set, recharts' d3).
    const others = Object.keys(pkg.dependencies).filter((name) => !mainLoads.includes(name));
    expect(others).toEqual(expect.arrayContaining(['react', 'react-dom', '@mantine/core', 'recharts', '@tabler/icons-react', 'dexie', 'tsx']));
    const dropped = [...others.map((name) => `${name}/package.json`), 'react/index.js', 'tsx/dist/cli.mjs', 'esbuild/bin/esbuild', '@esbuild/linux-x64/bin/esbuild', '@tabler/icons/package.json', 'd3-scale/package.json', 'pdfjs-dist-extra/package.json', '@napi-rs/other/package.json'];
    for (const name of mainLoads) expect(pkg.dependencies[name], name).toBeDefined();
    for (const [platform, canvasBinary] of [
      ['linux', '@napi-rs/canvas-linux-x64-gnu/skia.linux-x64-gnu.node'],
      ['win', '@napi-rs/canvas-win32-x64-msvc/skia.win32-x64-msvc.node'],
      ['mac', '@napi-rs/canvas-darwin-arm64/skia.darwin-arm64.node'],
    ] as const) {
      for (const rel of [...kept, canvasBinary]) expect(packsModuleFile(platform, rel), `${platform}: ${rel}`).toBe(true);
      for (const rel of dropped) expect(packsModuleFile(platform, rel), `${platform}: ${rel}`).toBe(false);
    }
    // The packages that main's own code imports are among those kept (the exact list, read from the
    // build, is checked by `npm run dist:check`).
    const mainImports = new Set<string>();
    for (const file of readdirSync(join(root, 'src/main'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))) {
      for (const m of readFileSync(join(root, 'src/main', file), 'utf8').matchAll(/\bfrom\s+'((?:@[\w.-]+\/)?[\w.-]+)[^']*'/g)) if (m[1]! in pkg.dependencies) mainImports.add(m[1]!);
    }
    expect(mainImports.has('valibot')).toBe(true);
    for (const name of mainImports) expect(mainLoads, `src/main imports ${name}`).toContain(name);
    expect(readFileSync(join(root, 'src/node/pdfjs-node.ts'), 'utf8')).toContain("require.resolve('pdfjs-dist/package.json')");
  });

  it('ships every bundled sample in resources/samples, where main reads it when packaged', () => {
    const samples = config.extraResources?.find((r) => r.from === 'resources/samples');
    expect(samples, 'resources/samples is not in extraResources').toBeDefined();
    expect(samples!.to).toBe('samples');
    const dir = join(root, 'resources/samples');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile());
    expect(files).toContain('tip-2015-excerpt.pdf');
    for (const f of files) expect(copies(dir, samples!.filter, f), f).toBe(true);
    // The two ends must agree: main looks in <resources>/samples and loads the excerpt by name.
    expect(readFileSync(join(root, 'src/main/index.ts'), 'utf8')).toContain("join(process.resourcesPath, 'samples')");
    expect(readFileSync(join(root, 'src/main/handlers.ts'), 'utf8')).toContain("'tip-2015-excerpt.pdf'");
    expect(relative(root, dir)).toBe(samples!.from);
  });
});

describe('npm scripts', () => {
  it('`npm run dist` builds the app, then the installers for this platform, and publishes nothing', () => {
    expect(pkg.scripts.dist).toBe('electron-vite build && electron-builder --publish never');
    for (const [script, flag] of [
      ['dist:linux', '--linux'],
      ['dist:win', '--win'],
      ['dist:mac', '--mac'],
    ] as const) {
      expect(pkg.scripts[script]).toBe(`electron-vite build && electron-builder ${flag} --publish never`);
    }
  });

  it('runs nothing at install time, so a plain `npm install` does not build or download for packaging', () => {
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) expect(pkg.scripts[hook], hook).toBeUndefined();
  });
});
