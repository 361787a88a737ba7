import cliProgress from 'cli-progress';

/** A terminal progress bar per phase; silent when output is not a terminal (CI logs get one line per phase). */
export function progressReporter() {
  let bar: cliProgress.SingleBar | null = null;
  let phase = '';
  return {
    update(name: string, done: number, total: number) {
      if (name !== phase) {
        bar?.stop();
        phase = name;
        if (process.stderr.isTTY) {
          bar = new cliProgress.SingleBar({ format: `${name} [{bar}] {percentage}% {value}/{total}`, stream: process.stderr }, cliProgress.Presets.shades_classic);
          bar.start(total, done);
        } else {
          bar = null;
          process.stderr.write(`${name}…\n`);
        }
      }
      bar?.setTotal(total);
      bar?.update(done);
    },
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}
