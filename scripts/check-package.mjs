#!/usr/bin/env node
// Packs the app the way `npm run dist` does, but offline and without Electron's binary: builds
// it, runs electron-builder's Linux "dir" target against a stand-in Electron distribution (a
// file carrying Electron's fuse wire), then checks the result: what app.asar holds, that the
// samples sit in resources/samples, that every package the main process loads at runtime is
// packed (with the packages those need) and no other (the renderer's are bundled into
// out/renderer by vite, tsx is only for the CLI), and that electron-builder flipped the fuses as
// electron-builder.yml says. Prints app.asar's size and what takes the space.
//
//   npm run dist:check        (node scripts/check-package.mjs [--no-build])
//
// Not part of `npm test` (it builds and packs the app, a minute or two); it is what a
// machine with no network can do instead of building real installers.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const { build, Platform } = require('electron-builder');
const { getConfig } = require('app-builder-lib/out/util/config/config.js');
const asar = require('@electron/asar');

/** The marker @electron/fuses looks for in Electron's binary, followed by the wire version and length. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron 45's fuse wire as shipped: RunAsNode, NODE_OPTIONS, --inspect and file:// privileges on. */
const STOCK_WIRE = '101100011';

const problems = [];
const check = (ok, message) => {
  if (!ok) problems.push(message);
};

function filesUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name));
}

/** Packages the built main process imports or resolves at runtime (bare specifiers only). */
function runtimePackages() {
  const names = new Set();
  for (const file of filesUnder(join(root, 'out/main')).filter((f) => f.endsWith('.js'))) {
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bresolve\s*\(\s*)["']((?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(?:\/[\w.@-]+)*)["']/g)) {
      const spec = m[1];
      const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
      if (name === 'electron' || name.startsWith('node:') || builtinModules.includes(name)) continue;
      names.add(name);
    }
  }
  return [...names].sort();
}

/** The package folder (relative to root, '/'-separated) a dependency `name` of the package in `from` resolves to, as Node would find it. */
function resolvePackageDir(name, from) {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return relative(root, candidate).split(sep).join('/');
    if (dir === root || dirname(dir) === dir) return undefined;
  }
}

/**
 * The installed package folders (relative to root) that the runtime packages need: each one and,
 * transitively, its dependencies, optional dependencies that are installed, and required peers.
 */
function runtimeClosure(names) {
  const dirs = new Set();
  const queue = names.map((name) => {
    const dir = resolvePackageDir(name, root);
    check(dir !== undefined, `out/main loads ${name}, which is not installed`);
    return dir;
  });
  while (queue.length) {
    const dir = queue.pop();
    if (dir === undefined || dirs.has(dir)) continue;
    dirs.add(dir);
    const pkg = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
    const optionalPeers = new Set(Object.entries(pkg.peerDependenciesMeta ?? {}).filter(([, m]) => m?.optional).map(([n]) => n));
    const wanted = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.optionalDependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {}).filter((n) => !optionalPeers.has(n))];
    for (const dep of wanted) queue.push(resolvePackageDir(dep, join(root, dir)));
  }
  return dirs;
}

/** The package folder ("node_modules/a/node_modules/@s/b") an archive path lies in, or undefined. */
function packageDirOf(path) {
  const m = /^\/((?:node_modules\/(?:@[^/]+\/)?[^/@][^/]*\/?)+)/.exec(`${path}/`);
  return m ? m[1].replace(/\/$/, '') : undefined;
}

/** Bytes of file content in the archive, or in app.asar.unpacked beside it, by top-level package ("node_modules/x") or top folder. */
function sizeByPart(archive, unpacked) {
  const sizes = new Map();
  const walk = (node, path) => {
    for (const [name, child] of Object.entries(node.files ?? {})) {
      const p = `${path}/${name}`;
      if (child.files) walk(child, p);
      else if (typeof child.size === 'number') {
        const m = /^\/(node_modules\/(?:@[^/]+\/)?[^/]+|[^/]+)/.exec(p);
        const key = m?.[1] ?? p;
        if (Boolean(child.unpacked) === unpacked) sizes.set(key, (sizes.get(key) ?? 0) + child.size);
      }
    }
  };
  walk(asar.getRawHeader(archive).header, '');
  return [...sizes].sort((a, b) => b[1] - a[1]);
}

const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;

if (!process.argv.includes('--no-build')) {
  const r = spawnSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
if (!existsSync(join(root, 'out/main/index.js'))) {
  console.error('check-package: out/main/index.js is missing; run `npm run build` first.');
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), 'rwb-package-'));
try {
  const config = await getConfig(root, null, null);
  const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
  const fakeElectron = join(work, 'electron-dist');
  mkdirSync(fakeElectron);
  writeFileSync(join(fakeElectron, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\nexit 0\n'), Buffer.from(FUSE_SENTINEL), Buffer.from([1, STOCK_WIRE.length]), Buffer.from(STOCK_WIRE), Buffer.from('\n')]));
  chmodSync(join(fakeElectron, 'electron'), 0o755);
  for (const f of ['chrome-sandbox', 'LICENSE', 'LICENSES.chromium.html']) writeFileSync(join(fakeElectron, f), '');
  writeFileSync(join(fakeElectron, 'version'), electronVersion);

  const output = join(work, 'dist');
  await build({
    projectDir: root,
    targets: Platform.LINUX.createTarget('dir'),
    config: { ...config, electronDist: fakeElectron, electronVersion, directories: { ...config.directories, output } },
    publish: 'never',
  });

  const appOut = join(output, 'linux-unpacked');
  const archive = join(appOut, 'resources/app.asar');
  const packed = new Set(asar.listPackage(archive).map((p) => p.split(sep).join('/')));

  // The built app, all of it but source maps.
  for (const dir of ['out/main', 'out/preload', 'out/renderer']) {
    for (const f of filesUnder(join(root, dir)).filter((f) => !f.endsWith('.map'))) {
      const rel = `/${relative(root, f).split(sep).join('/')}`;
      check(packed.has(rel), `app.asar lacks ${rel}`);
    }
  }
  const manifest = JSON.parse(asar.extractFile(archive, 'package.json').toString('utf8'));
  check(manifest.main === 'out/main/index.js' && packed.has(`/${manifest.main}`), `packed package.json's main (${manifest.main}) is not packed`);
  // Nothing that is not the app.
  for (const p of packed) {
    if (/^\/(src|tests|e2e|scripts|docs|build|resources|out\/web|test-results)(\/|$)/.test(p) || p.endsWith('.map') && p.startsWith('/out/')) problems.push(`app.asar should not hold ${p}`);
  }
  // Every package the main process loads at runtime, with what those packages need in turn, and
  // no other: the renderer's packages are bundled into out/renderer, and tsx is for the CLI.
  const needed = runtimePackages();
  for (const name of needed) check(packed.has(`/node_modules/${name}/package.json`), `app.asar lacks node_modules/${name}, which out/main loads`);
  const closure = runtimeClosure(needed);
  for (const dir of closure) check(packed.has(`/${dir}/package.json`), `app.asar lacks ${dir}, which a package out/main loads needs`);
  const packedPackages = new Set([...packed].map(packageDirOf).filter((d) => d !== undefined));
  for (const dir of [...packedPackages].sort()) check(closure.has(dir), `app.asar holds ${dir}, which out/main does not load (bundled into out/renderer, or not needed in the app)`);
  // Stated separately so a failure names the direct dependency: none of those outside the closure ships.
  const declared = Object.keys(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).dependencies ?? {});
  const notLoaded = declared.filter((name) => !closure.has(`node_modules/${name}`));
  for (const name of notLoaded) check(![...packed].some((p) => p === `/node_modules/${name}` || p.startsWith(`/node_modules/${name}/`)), `app.asar holds node_modules/${name}, a dependency out/main does not load`);
  // The samples, where src/main/index.ts reads them (process.resourcesPath/samples).
  for (const f of filesUnder(join(root, 'resources/samples'))) {
    const rel = relative(join(root, 'resources/samples'), f);
    check(existsSync(join(appOut, 'resources/samples', rel)), `resources/samples/${rel} was not shipped`);
  }
  // The fuses, read back from the binary electron-builder wrote.
  const { getCurrentFuseWire, FuseV1Options } = await import('@electron/fuses');
  const wire = await getCurrentFuseWire(join(appOut, config.linux?.executableName ?? 'electron'));
  for (const [option, wanted] of Object.entries(config.electronFuses ?? {})) {
    const fuse = FuseV1Options[option[0].toUpperCase() + option.slice(1)];
    const state = wire[fuse];
    check(state === (wanted ? 49 : 48), `fuse ${option} is ${state === 49 ? 'on' : state === 48 ? 'off' : String(state)}, expected ${wanted ? 'on' : 'off'}`);
  }

  const unpackedDir = `${archive}.unpacked`;
  const unpackedBytes = existsSync(unpackedDir) ? filesUnder(unpackedDir).reduce((n, f) => n + statSync(f).size, 0) : 0;
  console.log(`check-package: app.asar is ${mb(statSync(archive).size)} (${statSync(archive).size} bytes)${unpackedBytes ? `, app.asar.unpacked ${mb(unpackedBytes)}` : ''}; largest parts:`);
  for (const [part, bytes] of sizeByPart(archive, false).slice(0, 12)) console.log(`  ${mb(bytes).padStart(9)}  ${part}`);
  if (unpackedBytes) console.log('check-package: largest parts of app.asar.unpacked:');
  if (unpackedBytes) for (const [part, bytes] of sizeByPart(archive, true).slice(0, 6)) console.log(`  ${mb(bytes).padStart(9)}  ${part}`);
  console.log(`check-package: ${packed.size} entries in app.asar; runtime packages of out/main: ${needed.join(', ') || 'none'} (${closure.size} package folders with what they need); left out as not loaded by out/main: ${notLoaded.join(', ') || 'none'}; fuses: ${Object.keys(config.electronFuses ?? {}).length} checked.`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

if (problems.length) {
  for (const p of problems) console.log(`  PROBLEM ${p}`);
  console.log('check-package: FAILED');
  process.exit(1);
}
console.log('check-package: the packed app holds what it needs, and the fuses are set');
