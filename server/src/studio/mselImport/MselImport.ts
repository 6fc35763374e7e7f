import { StartexError, type MselFile, type MselImportBody, type MselMapping, type MselPreview, type MselProblem, type ScenarioDocumentInput } from '@startex/shared';
import { buildScenario, type BuiltScenario } from './buildScenario.ts';
import { headerSignature, inspectSheets } from './inspectMsel.ts';
import { mapRows, type MappedMsel } from './mapRows.ts';
import { readSpreadsheet } from './readSpreadsheet.ts';

/**
 * The MSEL import wizard's three steps over one uploaded file, which each step sends again (the
 * server keeps nothing between them): inspect, preview, import. Only the last saves, and only a
 * scenario whose every row imports (or whose rows with errors the author chose to leave out).
 */

export async function inspectMsel(file: MselFile) {
  const tables = await readSpreadsheet(file);
  const { sheets, proposal } = inspectSheets(tables);
  return { sheets, proposal, signatureOf: (mapping: MselMapping) => headerSignature(tables, mapping) };
}

/** Every row as it would land, and every problem; nothing is saved. */
export async function previewMsel(file: MselFile, mapping: MselMapping): Promise<{ preview: MselPreview; built: BuiltScenario; signature: string | undefined }> {
  const tables = await readSpreadsheet(file);
  const mapped = mapRows(tables, mapping);
  // The scenario's own id and title do not change what lands; the preview builds with placeholders.
  const built = buildScenario(mapped, { id: 'preview', title: 'Preview', language: 'en', exerciseType: 'tabletop', functions: ['response'] }, file.name);
  return { preview: previewOf(mapped, built), built, signature: headerSignature(tables, mapping) };
}

/**
 * The scenario document an import makes, or MSEL_IMPORT_INVALID with every error when any row (or
 * the file) has one and the author did not choose to leave those rows out.
 */
export async function importMsel(body: MselImportBody): Promise<{ document: ScenarioDocumentInput; preview: MselPreview; signature: string | undefined }> {
  const tables = await readSpreadsheet(body.file);
  const mapped = mapRows(tables, body.mapping);
  const built = buildScenario(mapped, body.scenario, body.file.name);
  const preview = previewOf(mapped, built);
  const errors = preview.problems.filter((p) => p.severity === 'error');
  const fileErrors = errors.filter((p) => p.row === undefined || !mapped.rows.some((r) => r.sheet === p.sheet && r.row === p.row));
  if (fileErrors.length > 0 || (errors.length > 0 && !body.skipRowsWithErrors) || preview.counts.injects === 0) {
    const problems = errors.length > 0 ? errors : [noInjects()];
    throw new StartexError('MSEL_IMPORT_INVALID', `${problems.length} problem(s): nothing was saved.`, undefined, problems);
  }
  return { document: built.document, preview, signature: headerSignature(tables, body.mapping) };
}

const noInjects = (): MselProblem => ({ severity: 'error', code: 'MSEL_IMPORT_INVALID', message: 'No row of the chosen sheets is an inject: there is nothing to import.' });

function previewOf(mapped: MappedMsel, built: BuiltScenario): MselPreview {
  const problems = [...mapped.problems, ...built.problems, ...mapped.rows.flatMap((r) => r.problems)];
  const rows = mapped.rows.map(({ sheet, row, outcome, content, problems: rowProblems }) => ({
    sheet,
    row,
    outcome,
    problems: rowProblems,
    ...(content && outcome !== 'skipped'
      ? {
          inject: {
            id: content.id,
            ...(content.number !== undefined ? { number: content.number } : {}),
            at: content.at,
            minutes: content.minutes,
            from: content.from,
            to: [...new Set(content.to.map(built.teamOf))],
            channel: content.channel,
            subject: content.subject,
            body: content.body,
            expectedActions: content.expectedActions,
            ...(content.track ? { track: content.track } : {}),
            kind: content.kind,
          },
        }
      : {}),
  }));
  return {
    rows,
    problems,
    teams: built.teams,
    organisations: built.organisations,
    tracks: built.tracks,
    startex: mapped.startex,
    counts: {
      rows: rows.length,
      injects: rows.filter((r) => r.outcome === 'inject').length,
      skipped: rows.filter((r) => r.outcome === 'skipped').length,
      errors: problems.filter((p) => p.severity === 'error').length,
      warnings: problems.filter((p) => p.severity === 'warning').length,
    },
  };
}
