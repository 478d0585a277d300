#!/usr/bin/env node
// Entry of the `rwb` command: checks the Node version, then runs the TypeScript CLI through tsx.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 13)) {
  process.stderr.write(`rwb: Node ${process.versions.node} is too old; Report Workbench needs Node 22.13 or later.\n`);
  process.exit(1);
}
const { register } = await import('tsx/esm/api');
register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
