/**
 * Where the start of the preview spends its time: each phase's wall time and the CPU this process and the
 * children it has reaped spent meanwhile (on a shared machine the wall time says little, the CPU time says
 * what a phase costs). Printed as a table when the phases are done.
 */
import fs from 'node:fs';

/** CPU seconds of this process and of its finished children, or undefined where /proc is not there. */
export function cpuSeconds(): number | undefined {
  try {
    // Fields after the command name (which may hold spaces): utime stime cutime cstime are 14-17 of the line.
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
    // USER_HZ is 100 on every Linux build Prometheus and Node run on.
    return Number.isFinite(ticks) ? ticks / 100 : undefined;
  } catch {
    return undefined;
  }
}

export interface Phase {
  name: string;
  wallSeconds: number;
  /** CPU of this process and of the children that ended during the phase; undefined without /proc. */
  cpuSeconds?: number;
}

export class PhaseTimer {
  readonly phases: Phase[] = [];
  private readonly started = Date.now();

  /** Seconds since the timer started, for progress lines. */
  elapsed(): string {
    return `${((Date.now() - this.started) / 1000).toFixed(0)}s`;
  }

  async time<T>(name: string, work: () => Promise<T>): Promise<T> {
    const wallStart = Date.now();
    const cpuStart = cpuSeconds();
    try {
      return await work();
    } finally {
      const cpuEnd = cpuSeconds();
      this.phases.push({
        name,
        wallSeconds: (Date.now() - wallStart) / 1000,
        ...(cpuStart !== undefined && cpuEnd !== undefined ? { cpuSeconds: cpuEnd - cpuStart } : {}),
      });
    }
  }
}

/** The phases as an aligned text table, with a total line when they ran one after the other. */
export function timingTable(phases: Phase[], title: string, sequential = true): string[] {
  const width = Math.max(title.length, 'total'.length, ...phases.map((p) => p.name.length));
  const cell = (seconds: number | undefined) => (seconds === undefined ? '-' : seconds.toFixed(1)).padStart(8);
  const total = (pick: (p: Phase) => number | undefined) =>
    phases.some((p) => pick(p) === undefined) ? undefined : phases.reduce((sum, p) => sum + (pick(p) ?? 0), 0);
  return [
    `${title.padEnd(width)}  ${'wall s'.padStart(8)}  ${'cpu s'.padStart(8)}`,
    ...phases.map((p) => `${p.name.padEnd(width)}  ${cell(p.wallSeconds)}  ${cell(p.cpuSeconds)}`),
    ...(sequential
      ? [`${'total'.padEnd(width)}  ${cell(total((p) => p.wallSeconds))}  ${cell(total((p) => p.cpuSeconds))}`]
      : []),
  ];
}
