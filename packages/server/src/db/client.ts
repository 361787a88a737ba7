import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import * as schema from './schema';

export type Schema = typeof schema;
// Both drivers share Drizzle's PostgreSQL core, so one type serves the pool, PGlite and transactions.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Db = PgDatabase<PgQueryResultHKT, Schema, any>;
export type Engine = 'pglite' | 'postgres';

export interface Queryable {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
}

export interface Database extends Queryable {
  db: Db;
  engine: Engine;
  /** Runs a multi-statement script in one transaction (migrations, restores). */
  runScript(sqlText: string): Promise<void>;
  /** Raw SQL in one transaction, for bulk work where Drizzle's builder gets in the way. */
  transaction<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

// Dates travel as 'YYYY-MM-DD' strings everywhere: a JS Date would shift them by the server's time zone.
const DATE_OID = 1082;
pg.types.setTypeParser(DATE_OID, (v: string) => v);
pg.types.setTypeParser(20, (v: string) => Number(v)); // bigint counts and ids stay far below 2^53

export async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  pool.on('error', () => {}); // idle-client errors surface on the next query instead of crashing the process
  const client = await pool.connect().catch((err: Error) => {
    throw new Error(`无法连接数据库 ${redactUrl(url)}：${err.message}`);
  });
  client.release();
  return {
    db: drizzlePg(pool, { schema }) as unknown as Db,
    engine: 'postgres',
    async runScript(sqlText) {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        await c.query(sqlText);
        await c.query('COMMIT');
      } catch (err) {
        await c.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        c.release();
      }
    },
    async query(text, params = []) {
      return (await pool.query(text, params)).rows;
    },
    async transaction(fn) {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        const result = await fn({ query: async (text, params = []) => (await c.query(text, params)).rows });
        await c.query('COMMIT');
        return result;
      } catch (err) {
        await c.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        c.release();
      }
    },
    close: () => pool.end(),
  };
}

export async function openPglite(dir: string | undefined): Promise<Database> {
  if (dir) fs.mkdirSync(dir, { recursive: true });
  const parsers = { [DATE_OID]: (v: string) => v, 20: (v: string) => Number(v) };
  const client = await PGlite.create(dir ?? 'memory://', { extensions: { pg_trgm }, parsers });
  return {
    db: drizzlePglite(client, { schema }) as unknown as Db,
    engine: 'pglite',
    async runScript(sqlText) {
      await client.transaction(async (tx) => {
        await tx.exec(sqlText);
      });
    },
    async query(text, params = []) {
      return (await client.query(text, params)).rows as never[];
    },
    transaction: (fn) => client.transaction((tx) => fn({ query: async (text, params = []) => (await tx.query(text, params)).rows as never[] })),
    close: () => client.close(),
  };
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
