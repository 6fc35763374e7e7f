import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '@startex/scenarios/browser';
import type { AnalysisThread } from '../analysis/AnalysisThread.ts';
import { isItem, type StudioDocument } from '../document/studioDocument.ts';
import { studioApi } from '../studioApi.ts';

/**
 * The scenario out and in: its MSEL as XLSX or CSV, the document as YAML or JSON (each of the saved
 * draft), and a YAML or JSON file read into the editor in place of the document (then saved as a draft).
 */
export function ExportMenu({ scenarioId, saveNow, thread, onDocument, readOnly }: {
  scenarioId: string;
  saveNow(): Promise<number | undefined>;
  thread: AnalysisThread;
  onDocument(document: StudioDocument): void;
  readOnly: boolean;
}) {
  const { t } = useTranslation('studio');
  const [problems, setProblems] = useState<Problem[]>([]);
  const download = async (url: string) => {
    // The file is made from the saved draft: what is on the page is saved first.
    await saveNow();
    window.location.assign(url);
  };
  const upload = async (file: File) => {
    setProblems([]);
    // JSON is YAML too: one reader, with the analyzer's words for what is wrong.
    const answer = await thread.ask({ type: 'readYaml', text: await file.text() });
    if (!answer) return; // the page closed the thread
    if (answer.type === 'failed') return setProblems([{ severity: 'error', rule: 'malformed', path: '$', message: answer.message }]);
    if (!answer.ok) return setProblems(answer.problems);
    if (!isItem(answer.value)) return setProblems([{ severity: 'error', rule: 'schema-version', path: '$', message: t('exchange.notDocument') }]);
    onDocument(answer.value);
  };
  const links = [
    { label: t('exchange.mselXlsx'), url: studioApi.mselUrl(scenarioId, 'draft', 'xlsx') },
    { label: t('exchange.mselCsv'), url: studioApi.mselUrl(scenarioId, 'draft', 'csv') },
    { label: t('exchange.yaml'), url: studioApi.downloadUrl(scenarioId, 'draft', 'yaml') },
    { label: t('exchange.json'), url: studioApi.downloadUrl(scenarioId, 'draft', 'json') },
  ];
  return (
    <section className="exchange" aria-labelledby="exchange-heading">
      <h2 id="exchange-heading">{t('exchange.title')}</h2>
      <ul className="exchange-links">
        {links.map((l) => (
          <li key={l.url}>
            <button type="button" className="secondary" onClick={() => void download(l.url)}>{l.label}</button>
          </li>
        ))}
      </ul>
      {!readOnly && (
        <label className="field">
          {t('exchange.upload')}
          <input type="file" accept=".yaml,.yml,.json,application/json,application/yaml" onChange={(e) => e.target.files?.[0] && void upload(e.target.files[0])} />
        </label>
      )}
      {problems.length > 0 && <ul role="alert" className="error">{problems.map((p, i) => <li key={i}>{p.message}</li>)}</ul>}
    </section>
  );
}
