#!/usr/bin/env node
// Applies drizzle/migrations to $DATABASE_URL with drizzle-orm's own migrator
// (ledger drizzle.__drizzle_migrations). Exits non-zero on any error.
//
// Unix-socket URLs work as node-postgres parses them:
//   postgres://postgres@%2Ftmp%2Fpg/db  or  postgres://postgres@/db?host=/tmp/pg
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';

const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'migrations');

/** The URL without its password, for messages. */
function redact(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ':***@');
  }
}

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('migrate: DATABASE_URL is not set');
    return 2;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Keep drizzle's own notices ("schema drizzle already exists") off the output.
    await client.query('SET client_min_messages = warning');
    // The generated SQL creates tables unqualified; they belong in public whatever
    // search_path the URL or role sets (Django's connections use "django, public").
    await client.query('SET search_path = public');
    await migrate(drizzle(client), { migrationsFolder });
  } finally {
    await client.end();
  }
  console.log(`migrate: applied ${migrationsFolder} to ${redact(url)}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    // drizzle wraps the driver error; show the underlying PostgreSQL message too.
    console.error(`migrate: failed: ${error.message}`);
    if (error.cause?.message) console.error(`migrate: cause: ${error.cause.message}`);
    process.exit(1);
  },
);
