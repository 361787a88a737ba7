/** Figures: one `BENCH <name> <value> <unit>` line each as they come, and all of them in a JSON file at the end. */
import fs from 'node:fs';
import os from 'node:os';

export interface Figure { name: string; value: number; unit: string }

export class Report {
  readonly figures: Figure[] = [];
  readonly notes: string[] = [];
  readonly meta: Record<string, unknown> = {};
  private readonly started = new Date();

  constructor(public prefix = '') {}

  figure(name: string, value: number, unit: string) {
    const rounded = Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 100) / 100;
    const f = { name: this.prefix + name, value: rounded, unit };
    this.figures.push(f);
    console.log(`BENCH ${f.name} ${f.value} ${f.unit}`);
  }

  /** A ratio of two timings; printed as `x`. */
  ratio(name: string, numerator: number, denominator: number) {
    if (denominator > 0 && Number.isFinite(numerator)) this.figure(name, numerator / denominator, 'x');
  }

  note(text: string) {
    this.notes.push(this.prefix + text);
    console.log(`# ${this.prefix}${text}`);
  }

  progress(text: string) {
    if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${text}`);
    else process.stderr.write(`${text}\n`);
  }

  progressDone() {
    if (process.stderr.isTTY) process.stderr.write('\n');
  }

  write(file: string, settings: unknown) {
    const body = {
      started: this.started.toISOString(),
      finished: new Date().toISOString(),
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? null, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, loadAverage: os.loadavg() },
      settings,
      meta: this.meta,
      notes: this.notes,
      figures: Object.fromEntries(this.figures.map((f) => [f.name, { value: f.value, unit: f.unit }])),
    };
    fs.writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`);
  }
}
