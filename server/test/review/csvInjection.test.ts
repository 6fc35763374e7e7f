import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ImprovementItem } from '@startex/shared';
import { improvementPlanCsv, improvementPlanXlsx } from '../../src/review/report/spreadsheets.ts';

const FORMULAS = ['=HYPERLINK("http://example.invalid","click")', '+1+1', '-2+3', '@SUM(A1:A2)', '\t=1+1'];

function item(capability: string): ImprovementItem {
  return {
    id: 'i1',
    exerciseId: 'x1',
    capability,
    issue: 'Cordon set late',
    recommendation: 'Drill the cordon',
    correctiveAction: 'Train the lane officers',
    capabilityElement: 'training',
    responsibleAgency: 'Customs',
    pointOfContact: 'Shift lead',
    status: 'in-progress',
    createdAt: 0,
    createdBy: 'director',
    updatedAt: 0,
    // The last status change's comment is a person's text (the first one, "added", is StartEx's own).
    history: [
      { at: 0, by: 'director', from: null, to: 'open', comment: 'Added to the improvement plan.' },
      { at: 1, by: 'director', from: 'open', to: 'in-progress', comment: '=cmd|"/c calc"!A1' },
    ],
  } as ImprovementItem;
}

describe('spreadsheet exports of text people typed', () => {
  it('CSV: a cell that would start a formula is shown as text (leading apostrophe)', async () => {
    const csv = (await improvementPlanCsv(FORMULAS.map(item), Date.UTC(2026, 10, 1), 'Europe/Vilnius', 'en')).toString('utf8');
    const firstCells = csv.trim().split(/\r?\n/).slice(1).map((line) => line.replace(/^"/, ''));
    expect(firstCells.map((line) => line.startsWith("'"))).toEqual(FORMULAS.map(() => true));
    // Text further into a cell is left as typed.
    expect(csv).toContain('director: =cmd|');
  });

  it('XLSX: the same text is stored as plain string cells, never as formulas', async () => {
    const bytes = await improvementPlanXlsx(FORMULAS.map(item), { metrics: [], teams: [], injects: [] } as never, { teams: [] } as never, 0, 'Europe/Vilnius', 'en');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as never);
    const cells: ExcelJS.Cell[] = [];
    workbook.getWorksheet('Improvement plan')!.eachRow((row, n) => n > 1 && cells.push(row.getCell(1)));
    expect(cells.map((c) => [c.type, c.value])).toEqual(FORMULAS.map((f) => [ExcelJS.ValueType.String, f]));
  });
});
