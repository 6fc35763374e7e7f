import { cpus, platform, release, totalmem } from 'node:os';

/** The machine the figures were measured on: they mean nothing without it. */
export interface Machine {
  cores: number;
  cpu: string;
  memoryGiB: number;
  node: string;
  os: string;
}

export function machine(): Machine {
  const cpu = cpus();
  return {
    cores: cpu.length,
    cpu: cpu[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${platform()} ${release()}`,
  };
}

/** One measured figure, with what it is compared to and the goal it is held against. */
export interface Figure {
  name: string;
  /** `null` for a figure that cannot be measured yet (it says why in `note`). */
  value: number | null;
  unit: string;
  baseline?: { name: string; value: number };
  /** `met: null` when the figure could not be measured. */
  goal?: { text: string; met: boolean | null };
  note?: string;
}

export interface ScenarioReport {
  name: string;
  title: string;
  parameters: Record<string, string | number>;
  figures: Figure[];
  notes: string[];
  durationMs: number;
}

const formatValue = (value: number | null, unit: string) => {
  if (value === null) return 'not built yet';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 })} ${unit}`.trim();
};

/** A plain-text table for the terminal (and for pasting into README.md). */
export function formatReport(report: ScenarioReport, host: Machine): string {
  const rows = report.figures.map((f) => [
    f.name,
    formatValue(f.value, f.unit),
    f.baseline ? `${formatValue(f.baseline.value, f.unit)} (${f.baseline.name})` : '',
    f.baseline && f.value !== null && f.baseline.value !== 0 ? `${(f.value / f.baseline.value).toFixed(2)}x` : '',
    f.goal ? `${f.goal.text}: ${f.goal.met === null ? 'not measured' : f.goal.met ? 'met' : 'MISSED'}` : '',
    f.note ?? '',
  ]);
  const header = ['figure', 'value', 'baseline', 'ratio', 'goal', 'note'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [
    `== ${report.name}: ${report.title}`,
    `machine: ${host.cores} cores (${host.cpu}), ${host.memoryGiB} GiB, Node ${host.node}, ${host.os}`,
    `parameters: ${Object.entries(report.parameters)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')}`,
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    ...report.notes.map((n) => `note: ${n}`),
    `(${(report.durationMs / 1000).toFixed(1)} s)`,
    '',
  ].join('\n');
}
