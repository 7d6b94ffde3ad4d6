#!/usr/bin/env node
// Proves the committed Drizzle schema and migrations agree (spec section 5,
// invariant 11): in a throw-away copy of the drizzle dir, `drizzle-kit generate`
// must write nothing and say so, and `drizzle-kit check` must pass. drizzle-kit
// exits 0 even when it fails, so its output is read, not just its exit code.
// The real tree is never written.
//
// Usage: node scripts/check-sync.mjs [drizzle-dir]   (default: this script's drizzle dir)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const NO_CHANGES = 'No schema changes, nothing to migrate';
const CHECK_OK = "Everything's fine";
// drizzle-kit asks interactively (e.g. "rename or create column?"); with no
// terminal it would wait forever, so a hang is reported as such.
const TIMEOUT_MS = 120_000;
const COPIED = ['schema', 'migrations', 'drizzle.config.ts', 'package.json'];

const ownDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** relative path → sha256 of every file under dir. */
function fingerprint(dir) {
  const files = new Map();
  const walk = (sub) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = path.join(sub, entry.name);
      if (entry.isDirectory()) walk(rel);
      else files.set(rel, createHash('sha256').update(fs.readFileSync(path.join(dir, rel))).digest('hex'));
    }
  };
  if (fs.existsSync(dir)) walk('');
  return files;
}

/** drizzle-kit's output without its per-table inventory lines. */
function summarize(output) {
  return output
    .split('\n')
    .filter((line) => !/^\S+ \d+ columns \d+ indexes \d+ fks$/.test(line.trim()))
    .join('\n')
    .trim();
}

function drizzleKit(cwd, args) {
  const bin = path.join(cwd, 'node_modules', '.bin', 'drizzle-kit');
  const run = spawnSync(bin, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: TIMEOUT_MS,
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
  });
  const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
  if (run.error?.code === 'ETIMEDOUT') {
    return { ok: false, output, problem: `drizzle-kit ${args[0]} did not finish in ${TIMEOUT_MS / 1000}s (it probably asked an interactive question, e.g. about a rename)` };
  }
  if (run.error) return { ok: false, output, problem: `drizzle-kit ${args[0]} could not run: ${run.error.message}` };
  if (run.status !== 0) return { ok: false, output, problem: `drizzle-kit ${args[0]} exited ${run.status}` };
  return { ok: true, output };
}

function checkSync(sourceDir) {
  const problems = [];
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'drizzle-check-sync-'));
  try {
    for (const name of COPIED) {
      const from = path.join(sourceDir, name);
      if (!fs.existsSync(from)) {
        problems.push(`${from} is missing`);
        continue;
      }
      fs.cpSync(from, path.join(work, name), { recursive: true });
    }
    if (problems.length) return problems;
    const modules = fs.existsSync(path.join(sourceDir, 'node_modules'))
      ? path.join(sourceDir, 'node_modules')
      : path.join(ownDir, 'node_modules');
    fs.symlinkSync(modules, path.join(work, 'node_modules'), 'dir');

    const migrations = path.join(work, 'migrations');
    const before = fingerprint(migrations);
    const generate = drizzleKit(work, ['generate']);
    const after = fingerprint(migrations);

    const added = [...after.keys()].filter((f) => !before.has(f)).sort();
    const changed = [...after.keys()].filter((f) => before.has(f) && before.get(f) !== after.get(f)).sort();
    const newSql = added.filter((f) => f.endsWith('.sql'));
    if (newSql.length) {
      problems.push(
        `the schema has changes without a migration: drizzle-kit generate wrote ${newSql.map((f) => `migrations/${f}`).join(', ')}:\n` +
          newSql.map((f) => fs.readFileSync(path.join(migrations, f), 'utf8')).join('\n'),
      );
    }
    const otherAdded = added.filter((f) => !f.endsWith('.sql'));
    if (otherAdded.length) problems.push(`drizzle-kit generate added ${otherAdded.map((f) => `migrations/${f}`).join(', ')}`);
    if (changed.length) problems.push(`drizzle-kit generate changed ${changed.map((f) => `migrations/${f}`).join(', ')}`);
    if (!generate.ok) problems.push(generate.problem);
    if (generate.output.includes('Interactive prompts require a TTY')) {
      problems.push('drizzle-kit generate needs an interactive answer (a column or table was renamed or dropped?)');
    }
    // Without a written migration the output is the only clue; with one, the SQL above says it all.
    if (!generate.output.includes(NO_CHANGES) && !newSql.length) {
      problems.push(`drizzle-kit generate did not report "${NO_CHANGES}"; its output:\n${summarize(generate.output)}`);
    }

    const check = drizzleKit(work, ['check']);
    if (!check.ok) problems.push(check.problem);
    if (!check.output.includes(CHECK_OK)) {
      problems.push(`drizzle-kit check did not report "${CHECK_OK}"; its output:\n${summarize(check.output)}`);
    }
    return problems;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

const sourceDir = path.resolve(process.argv[2] ?? ownDir);
const problems = checkSync(sourceDir);
if (problems.length) {
  console.error(`check-sync: FAILED for ${sourceDir}`);
  for (const problem of problems) console.error(`- ${problem}`);
  process.exit(1);
}
console.log(`check-sync: OK: ${sourceDir} schema and migrations agree (no new migration, drizzle-kit check passed)`);
