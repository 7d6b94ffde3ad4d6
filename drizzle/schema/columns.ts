// Column groups shared by every table, so the conventions of spec section 1
// (timestamptz(6), uuid/text ids, jsonb and array defaults) live in one place.
// Each helper returns a fresh builder: a builder must not be shared by tables.
import { sql } from 'drizzle-orm';
import { bigint, jsonb, text, timestamp, uuid, type ExtraConfigColumn } from 'drizzle-orm/pg-core';

/** `timestamptz(6)`, read as a JS Date. */
export const timestamptz = (name: string) =>
  timestamp(name, { withTimezone: true, mode: 'date', precision: 6 });

/** `created_at timestamptz NOT NULL DEFAULT now()`, on every table. */
export const createdAt = () => timestamptz('created_at').notNull().defaultNow();

/** `updated_at`, the admin's concurrency token; the touch_updated_at trigger moves it forward. */
export const updatedAt = () => timestamptz('updated_at').notNull().defaultNow();

/** created_at + updated_at, for tables whose rows are edited. */
export const timestamps = () => ({ createdAt: createdAt(), updatedAt: updatedAt() });

/** `id uuid PRIMARY KEY DEFAULT gen_random_uuid()`. */
export const uuidPk = () => uuid('id').primaryKey().defaultRandom();

/** `id text PRIMARY KEY` without default: Better-Auth generates these ids. */
export const textPk = () => text('id').primaryKey();

/** `id text PRIMARY KEY DEFAULT gen_random_uuid()::text`: legacy ids kept verbatim. */
export const legacyTextPk = () =>
  text('id').primaryKey().default(sql`gen_random_uuid()::text`);

/** `jsonb NOT NULL DEFAULT '{}'::jsonb`. */
export const jsonObject = (name: string) => jsonb(name).notNull().default(sql`'{}'::jsonb`);

/** `jsonb NOT NULL DEFAULT '[]'::jsonb`. */
export const jsonList = (name: string) => jsonb(name).notNull().default(sql`'[]'::jsonb`);

/** `text[] NOT NULL DEFAULT '{}'`. */
export const textArray = (name: string) => text(name).array().notNull().default(sql`'{}'::text[]`);

/** Lifetime counter: `bigint NOT NULL DEFAULT 0`. */
export const counter = (name: string) => bigint(name, { mode: 'number' }).notNull().default(0);

/**
 * An index key in DESC order as PostgreSQL means it (NULLS FIRST). Drizzle's
 * `.desc()` alone renders `DESC NULLS LAST`, which a plain `ORDER BY col DESC`
 * (Django's `-col`) cannot scan.
 */
export const descending = (column: ExtraConfigColumn) => column.desc().nullsFirst();
