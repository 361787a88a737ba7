/**
 * Records typed on a phone must survive a dead connection (issue 4): what is typed is kept in the
 * browser while typing (the draft), and a submission waits in an outbox that is sent again with
 * backoff, and at once when the browser is back online, until the server answers. Each draft has
 * one Idempotency-Key from the start, so however often it is sent the server makes one record.
 */
import { useSyncExternalStore } from 'react';
import { ApiError } from '../../api/client';
import type { RecordCreate } from '../../api/programs';
import { postRecord, type RecordSaved } from '../../api/records';

/** Form values as JSON: dates as 'YYYY-MM-DD' strings. */
export type StoredValues = Record<string, unknown>;
export type RecordDraft = { key: string; values: StoredValues; names: Record<string, string>; savedAt: string };
export type OutboxItem = { key: string; body: RecordCreate; draft: RecordDraft; queuedAt: string };

const prefix = (userId: number, programId: number) => `tj.records.${userId}.${programId}`;

function read<T>(name: string): T | null {
  try {
    const raw = localStorage.getItem(name);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}
function write(name: string, value: unknown) {
  try {
    if (value === null) localStorage.removeItem(name);
    else localStorage.setItem(name, JSON.stringify(value));
  } catch {
    // storage full or disabled (private mode): typing goes on, only the safety net is missing
  }
}

/** 32 hex characters; crypto.randomUUID needs a secure context, which a phone on the LAN address lacks. */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export const loadDraft = (userId: number, programId: number) => read<RecordDraft>(`${prefix(userId, programId)}.draft`);
export const saveDraft = (userId: number, programId: number, draft: RecordDraft | null) => write(`${prefix(userId, programId)}.draft`, draft);
export const loadOutbox = (userId: number, programId: number) => read<OutboxItem[]>(`${prefix(userId, programId)}.outbox`) ?? [];

function putOutbox(userId: number, programId: number, item: OutboxItem) {
  write(`${prefix(userId, programId)}.outbox`, [...loadOutbox(userId, programId).filter((i) => i.key !== item.key), item]);
}
function dropOutbox(userId: number, programId: number, key: string) {
  const rest = loadOutbox(userId, programId).filter((i) => i.key !== key);
  write(`${prefix(userId, programId)}.outbox`, rest.length ? rest : null);
}

/** The last org and kind recorded, offered first next time. */
export const loadLastChoice = (userId: number, programId: number) => read<{ orgId: number; kind: string }>(`${prefix(userId, programId)}.last`);
export const saveLastChoice = (userId: number, programId: number, choice: { orgId: number; kind: string }) => write(`${prefix(userId, programId)}.last`, choice);

// ---- sending -------------------------------------------------------------------------------------

export type SendState = { key: string; programId: number; attempts: number; waiting: boolean; error: string | null };
const states = new Map<string, SendState>();
let snapshot: SendState[] = [];
const listeners = new Set<() => void>();
function publish(key: string, state: SendState | null) {
  if (state) states.set(key, state);
  else states.delete(key);
  snapshot = [...states.values()];
  for (const l of listeners) l();
}

/** Submissions of this program still waiting for the server's answer. */
export function useSending(programId: number): SendState[] {
  const all = useSyncExternalStore((l) => {
    listeners.add(l);
    return () => listeners.delete(l);
  }, () => snapshot);
  return all.filter((s) => s.programId === programId);
}

/** Lost connection, timeouts, overload, server errors: worth another try. A 4xx answer is final. */
const retryable = (e: unknown) => e instanceof ApiError && (e.status === 0 || e.status === 408 || e.status === 429 || e.status >= 500);

/** Resolves after `ms`, or as soon as the browser says it is online again. */
function pause(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      window.removeEventListener('online', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    window.addEventListener('online', done);
  });
}

export type SendCallbacks = {
  /** The server kept the record (possibly on an earlier, unanswered try). */
  onSaved: (saved: RecordSaved) => Promise<void> | void;
  /** The server refused it (4xx, or the session ended): the typed values go back to the draft. */
  onRefused: (error: unknown, item: OutboxItem) => void;
};

/**
 * Puts the submission in the outbox and sends it until the server answers. Sending the same key
 * twice at once is skipped: the first loop is still at it, and the server would answer the same record.
 */
export function sendRecord(userId: number, programId: number, item: OutboxItem, callbacks: SendCallbacks): void {
  putOutbox(userId, programId, item);
  if (states.has(item.key)) return;
  void (async () => {
    for (let attempt = 1; ; attempt++) {
      publish(item.key, { key: item.key, programId, attempts: attempt, waiting: false, error: null });
      try {
        const saved = await postRecord(programId, item.body, item.key);
        dropOutbox(userId, programId, item.key);
        const draft = loadDraft(userId, programId);
        if (draft?.key === item.key) saveDraft(userId, programId, null);
        publish(item.key, null);
        await callbacks.onSaved(saved);
        return;
      } catch (e) {
        if (!retryable(e)) {
          publish(item.key, null);
          // An ended session is no refusal: the submission stays in the outbox for after the next sign-in.
          if (e instanceof ApiError && e.status === 401) return;
          dropOutbox(userId, programId, item.key);
          callbacks.onRefused(e, item);
          return;
        }
        const delay = Math.min(1000 * 2 ** (attempt - 1), 30_000);
        publish(item.key, { key: item.key, programId, attempts: attempt, waiting: true, error: e instanceof Error ? e.message : String(e) });
        await pause(navigator.onLine ? delay : 60_000);
      }
    }
  })();
}

export const isSending = (key: string) => states.has(key);
