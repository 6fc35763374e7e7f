import { StartexError, type DraftDocument, type DraftView, type MselFile, type MselImportBody, type MselInspection, type MselMapping, type MselPreview, type MselProblem } from '@startex/shared';
import { hasErrors, type Problem } from '@startex/scenarios';
import { UPLOAD_EXPLORE_MS, type ScenarioAnalysis } from '../analysis/ScenarioAnalysis.ts';
import type { Store } from '../store/ExerciseStore.ts';
import type { AuthorRecord } from '../store/StudioStore.ts';
import { importMsel, inspectMsel, previewMsel } from './mselImport/MselImport.ts';
import type { ScenarioStudio } from './ScenarioStudio.ts';

/** Who is importing: the author, and the account a remembered mapping belongs to. */
export interface Importer {
  author: AuthorRecord;
  userId: string;
}

/**
 * The MSEL import wizard: what is in the file and a mapping to start from (the one remembered for
 * these headers, the author's before the centre's, else the one the headers suggest), every row as
 * it would land, and the import itself, which saves a new scenario's draft only when the file
 * imports and the analyzer finds no error in the scenario it makes.
 */
export class MselWizard {
  constructor(
    private readonly store: Store,
    private readonly analysis: ScenarioAnalysis,
    private readonly studio: ScenarioStudio,
  ) {}

  async inspect(importer: Importer, file: MselFile): Promise<MselInspection> {
    const { sheets, proposal, signatureOf } = await inspectMsel(file);
    const signature = signatureOf(proposal);
    const remembered = signature === undefined ? undefined : ((await this.store.studio.findMapping('user', importer.userId, signature)) ?? (await this.store.studio.findMapping('centre', '', signature)));
    if (!remembered) return { sheets, proposal };
    // The same headers in another file: its columns and times as remembered, on this file's sheets.
    const mapping: MselMapping = { ...remembered.mapping, sheets: proposal.sheets };
    return { sheets, proposal: mapping, remembered: { scope: remembered.scope, savedBy: remembered.savedBy, savedAt: remembered.savedAt } };
  }

  async preview(file: MselFile, mapping: MselMapping): Promise<MselPreview> {
    return (await previewMsel(file, mapping)).preview;
  }

  async import(importer: Importer, body: MselImportBody): Promise<DraftView> {
    const { document, signature } = await importMsel(body);
    const { problems } = await this.analysis.analyse({ kind: 'value', value: document, exploreMs: UPLOAD_EXPLORE_MS });
    if (hasErrors(problems)) {
      const lint = problems.filter((p) => p.severity === 'error').map((p) => lintProblem(p, document as DraftDocument));
      throw new StartexError('MSEL_IMPORT_INVALID', `The scenario the MSEL makes has ${lint.length} error(s); nothing was saved.`, undefined, lint);
    }
    const draft = await this.studio.adopt(importer.author, document as DraftDocument, { kind: 'imported', from: body.file.name });
    if (body.remember !== 'none' && signature !== undefined) {
      await this.store.studio.saveMapping({
        scope: body.remember,
        owner: body.remember === 'user' ? importer.userId : '',
        signature,
        mapping: body.mapping,
        savedBy: importer.author,
        savedAt: Date.now(),
      });
    }
    return draft;
  }
}

/** An analyzer finding about the imported scenario, as an MSEL problem (the row's subject, where it names a row). */
function lintProblem(problem: Problem, document: DraftDocument): MselProblem {
  const row = /^\$\.timeline\[(\d+)\]/.exec(problem.path)?.[1];
  const subject = row === undefined ? undefined : (document.timeline as { subject?: string }[] | undefined)?.[Number(row)]?.subject;
  return { severity: 'error', code: 'SCENARIO_INVALID', message: subject ? `"${subject}": ${problem.message}` : problem.message };
}
