#!/usr/bin/env node
// Electronegativity (Doyensec's Electron security linter) over the app's own code, failing on any
// finding that is not on the reviewed allow-list. Electronegativity itself always exits 0 and, by
// default, fetches translations and Electron's release list from the network; here it runs
// in-process with its HTTP client replaced by one that refuses, and with the one check that needs
// the network (AvailableSecurityFixesGlobalCheck) left out, so a run is offline and repeatable.
//
//   node scripts/electronegativity.mjs [--allow FILE] [--json] [DIR ...]
//
// DIRs default to src (main, preload, renderer, shared; TypeScript is parsed directly), one run per DIR. Exit 0
// when every finding is allowed; 1 on a finding not on the list, an allow-list entry that no
// longer matches anything, or a file that could not be parsed (an unscanned file is a gap).
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);

/** Scanned when no folder is given: all app code in one run, so global checks (navigation limits, permission handler) see main and renderer together. */
export const DEFAULT_INPUTS = ['src'];
/** The reviewed allow-list used when none is given. */
export const DEFAULT_ALLOW_LIST = 'scripts/electronegativity-allow.json';
/** Checks left out: this one downloads Electron's release list (npm audit covers the same ground). */
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

/** Makes every HTTP request Electronegativity tries fail at once, before it reaches the network. */
function refuseNetwork(runnerPath) {
  const fromRunner = createRequire(runnerPath);
  const Module = fromRunner('node:module');
  const refuse = () => Promise.reject(new Error('network access is disabled for this scan'));
  const offline = Object.assign(refuse, { head: refuse, get: refuse, stream: refuse });
  for (const from of [runnerPath, fromRunner.resolve('./locales/i18n.js'), fromRunner.resolve('./finder/checks/GlobalChecks/AvailableSecurityFixesGlobalCheck.js')]) {
    const gotPath = createRequire(from).resolve('got');
    const stub = new Module(gotPath);
    stub.filename = gotPath;
    stub.loaded = true;
    stub.exports = offline;
    Module._cache[gotPath] = stub;
  }
}

let runner;
/** Loads Electronegativity's programmatic runner once, offline. */
function loadRunner() {
  if (runner) return runner;
  const runnerPath = require.resolve('@doyensec/electronegativity');
  refuseNetwork(runnerPath);
  // Its messages are looked up by locale; pin English so output and tests do not depend on LANG.
  process.env.LANG = 'en-US';
  const mod = require(runnerPath);
  runner = mod.default ?? mod;
  return runner;
}

/** The Electron version the app is built with, from package.json (the scanned folders hold none). */
export function appElectronVersion() {
  const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
  const spec = pkg.devDependencies?.electron ?? pkg.dependencies?.electron;
  const m = /\d+\.\d+\.\d+/.exec(spec ?? '');
  if (!m) throw new Error('package.json names no exact Electron version');
  return m[0];
}

/** A path relative to the repository, with forward slashes (allow-list entries use these). */
function repoPath(file) {
  const rel = relative(root, file);
  return (rel.startsWith('..') || isAbsolute(rel) ? file : rel).split(sep).join('/');
}

/**
 * Scans the given directories. Returns every finding as { id, file, line, column, severity,
 * confidence, description, manualReview } and every file that could not be parsed.
 */
export async function scan(inputs, { electronVersion = appElectronVersion() } = {}) {
  const run = loadRunner();
  const findings = [];
  const errors = [];
  // Electronegativity logs with winston and console while it works; keep the tier's output to our summary.
  const log = console.log;
  const warn = console.warn;
  console.log = () => {};
  console.warn = () => {};
  try {
    for (const input of inputs) {
      const dir = resolve(root, input);
      if (!existsSync(dir)) throw new Error(`Electronegativity: no such folder ${input}`);
      const result = await run({
        input: dir,
        output: undefined,
        isSarif: false,
        customScan: [],
        excludeFromScan: EXCLUDED_CHECKS,
        severitySet: undefined,
        confidenceSet: undefined,
        isRelative: false,
        isVerbose: true,
        electronUpgrade: undefined,
        electronVersionOverride: electronVersion,
        parserPlugins: [],
      });
      for (const issue of result.issues) {
        findings.push({
          id: issue.id,
          file: repoPath(issue.file),
          line: issue.location?.line ?? 0,
          column: issue.location?.column ?? 0,
          severity: issue.severity?.name ?? String(issue.severity),
          confidence: issue.confidence?.name ?? String(issue.confidence),
          description: issue.description,
          manualReview: Boolean(issue.manualReview),
        });
      }
      for (const e of result.errors) if (!e.tolerable) errors.push({ file: repoPath(e.file), message: e.message });
    }
  } finally {
    console.log = log;
    console.warn = warn;
  }
  return { findings, errors };
}

/** Reads and checks an allow-list: an array of { id, file, justification }, each field non-empty. */
export function readAllowList(path) {
  const list = JSON.parse(readFileSync(resolve(root, path), 'utf8'));
  if (!Array.isArray(list)) throw new Error(`${path}: expected an array of { id, file, justification }`);
  list.forEach((entry, i) => {
    for (const key of ['id', 'file', 'justification']) {
      if (typeof entry?.[key] !== 'string' || entry[key].trim() === '') throw new Error(`${path}: entry ${i} needs a non-empty "${key}"`);
    }
  });
  return list;
}

/** Splits findings into allowed and unexpected, and lists allow-list entries that match nothing. */
export function judge(findings, allowList) {
  const matches = (entry, f) => entry.id === f.id && entry.file === f.file;
  const unexpected = findings.filter((f) => !allowList.some((entry) => matches(entry, f)));
  const allowed = findings.filter((f) => allowList.some((entry) => matches(entry, f)));
  const stale = allowList.filter((entry) => !findings.some((f) => matches(entry, f)));
  return { allowed, unexpected, stale };
}

/** Runs the scan and prints a verdict; resolves to the process exit code. */
export async function main(argv) {
  let allowPath = DEFAULT_ALLOW_LIST;
  let json = false;
  const inputs = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--allow') allowPath = argv[++i];
    else if (argv[i] === '--json') json = true;
    else inputs.push(argv[i]);
  }
  if (inputs.length === 0) inputs.push(...DEFAULT_INPUTS);
  const allowList = readAllowList(allowPath);
  const { findings, errors } = await scan(inputs);
  const verdict = judge(findings, allowList);
  const failed = verdict.unexpected.length > 0 || verdict.stale.length > 0 || errors.length > 0;
  if (json) {
    console.log(JSON.stringify({ inputs, ...verdict, errors, ok: !failed }, null, 2));
  } else {
    console.log(`Electronegativity over ${inputs.join(', ')}: ${findings.length} finding(s), ${verdict.allowed.length} on the allow-list (${allowPath}).`);
    for (const f of verdict.unexpected) console.log(`  UNEXPECTED ${f.id} ${f.file}:${f.line}:${f.column} (${f.severity}, ${f.confidence}) ${f.description}`);
    for (const s of verdict.stale) console.log(`  STALE allow-list entry ${s.id} ${s.file}: no such finding any more; remove it.`);
    for (const e of errors) console.log(`  NOT SCANNED ${e.file}: ${e.message}`);
    console.log(failed ? 'Electronegativity: FAILED' : 'Electronegativity: no unexpected findings');
  }
  return failed ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(`Electronegativity: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    },
  );
}
