import { randomUUID } from 'node:crypto';
import type { Job } from '@tuanjian/contracts';

interface Entry extends Job {
  ownerId: number;
  finishedAt?: number;
}

/**
 * Long work (imports) runs in the background and reports progress here for the progress bar. The work
 * itself is one database transaction, so a crash loses only the progress display, never half an import.
 */
export class JobRegistry {
  private jobs = new Map<string, Entry>();

  start<T>(kind: string, ownerId: number, work: (progress: (fraction: number, message: string) => void) => Promise<T>): string {
    this.prune();
    const id = randomUUID();
    const entry: Entry = { id, kind, ownerId, state: 'running', progress: 0, message: '排队中' };
    this.jobs.set(id, entry);
    const progress = (fraction: number, message: string) => {
      entry.progress = Math.max(0, Math.min(1, fraction));
      entry.message = message;
    };
    void work(progress).then(
      (result) => Object.assign(entry, { state: 'done', progress: 1, message: '完成', result, finishedAt: Date.now() }),
      (err: Error) => Object.assign(entry, { state: 'failed', message: err.message || '任务失败', finishedAt: Date.now() }),
    );
    return id;
  }

  get(id: string, ownerId: number): Job | null {
    const e = this.jobs.get(id);
    if (!e || e.ownerId !== ownerId) return null;
    const { ownerId: _o, finishedAt: _f, ...job } = e;
    return job;
  }

  private prune() {
    const cutoff = Date.now() - 60 * 60 * 1000;
    for (const [id, e] of this.jobs) if (e.finishedAt && e.finishedAt < cutoff) this.jobs.delete(id);
  }
}
