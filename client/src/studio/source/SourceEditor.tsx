import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { autocompletion } from '@codemirror/autocomplete';
import { yaml as yamlLanguage } from '@codemirror/lang-yaml';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { stringify } from 'yaml';
import { API_ROUTES } from '@startex/shared';
import type { Problem } from '@startex/scenarios/browser';
import { routeHref } from '../../lib/api.ts';
import type { AnalysisThread } from '../analysis/AnalysisThread.ts';
import { isItem, parseJsonPath, type DocPath, type StudioDocument } from '../document/studioDocument.ts';
import { schemaCompletion, type JsonSchema } from './schemaCompletion.ts';
import { rangeOfPath } from './yamlPlaces.ts';

/** The document as YAML, as the studio writes it (no folded lines: one value, one line). */
export const documentYaml = (document: StudioDocument) => stringify(document, { lineWidth: 0 });

let schema: Promise<JsonSchema | undefined> | undefined;
/** The scenario document's JSON Schema, as the server serves it for editors. */
function loadSchema(): Promise<JsonSchema | undefined> {
  schema ??= fetch(routeHref(API_ROUTES.scenarioSchema))
    .then((r) => (r.ok ? (r.json() as Promise<JsonSchema>) : undefined))
    .catch((error: unknown) => {
      console.error('JSON Schema not loaded', error);
      return undefined;
    });
  return schema;
}

/** "line 3, column 5" in a YAML message, as an offset. */
function offsetInMessage(state: EditorState, message: string): number | undefined {
  const m = /line (\d+), column (\d+)/.exec(message);
  if (!m) return undefined;
  const line = Math.min(state.doc.lines, Math.max(1, Number(m[1])));
  return Math.min(state.doc.line(line).to, state.doc.line(line).from + Number(m[2]) - 1);
}

/**
 * The document as YAML in CodeMirror 6 (small, modular, works with touch; Monaco is several
 * megabytes and made for desktops). Completion comes from the JSON Schema; checking from the same
 * analyzer as every other view, so a problem reads the same here as in the list. Text that reads
 * as a document becomes the document; edits in other views rewrite the text.
 */
export function SourceEditor({ document, thread, problems, focus, readOnly, onDocument }: {
  document: StudioDocument;
  thread: AnalysisThread;
  problems: Problem[];
  focus?: DocPath | undefined;
  readOnly: boolean;
  /** The text read as a document, and the document the text was in step with before (to change only that one). */
  onDocument(document: StudioDocument, base: StudioDocument | undefined): void;
}) {
  const { t } = useTranslation('studio');
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | undefined>(undefined);
  /** The document this text last became: not written back over the author's own typing. */
  const fromText = useRef<StudioDocument | undefined>(undefined);
  const [yamlProblems, setYamlProblems] = useState<Problem[]>([]);
  const pendingFocus = useRef<DocPath | undefined>(undefined);
  const placeCursor = (path: DocPath) => {
    const editor = view.current;
    if (!editor) return;
    pendingFocus.current = undefined;
    const range = rangeOfPath(editor.state.doc.toString(), path);
    if (!range) return;
    editor.dispatch({ selection: { anchor: range.from, head: range.to }, scrollIntoView: true });
    editor.focus();
  };
  const onDocumentRef = useRef(onDocument);
  onDocumentRef.current = onDocument;

  useEffect(() => {
    let cancelled = false;
    // Answered even after the author left this view (the last keys typed are read after they left), but
    // the page takes the text only over the document it was in step with: never over a newer edit elsewhere.
    const read = (text: string) =>
      void thread.latest({ type: 'readYaml', text }).then((answer) => {
        if (!answer || answer.type !== 'yamlRead') return;
        if (!answer.ok) return setYamlProblems(answer.problems);
        setYamlProblems([]);
        if (isItem(answer.value)) {
          const base = fromText.current;
          fromText.current = answer.value;
          onDocumentRef.current(answer.value, base);
        }
      });
    void loadSchema().then((loaded) => {
      if (cancelled || !host.current) return;
      // In a shadow root CodeMirror's styles go into a constructed style sheet, which the CSP
      // (style-src 'self') allows; in the page itself they would be an inline <style>, which it refuses.
      const shadow = host.current.shadowRoot ?? host.current.attachShadow({ mode: 'open' });
      view.current = new EditorView({
        parent: shadow,
        root: shadow,
        state: EditorState.create({
          doc: documentYaml(document),
          extensions: [
            basicSetup,
            yamlLanguage(),
            lintGutter(),
            ...(loaded ? [autocompletion({ override: [schemaCompletion(loaded)] })] : []),
            EditorState.readOnly.of(readOnly),
            EditorView.contentAttributes.of({ 'aria-label': t('source.label') }),
            EditorView.theme({ '&': { height: 'min(66vh, 40rem)', fontSize: '14px' }, '.cm-scroller': { fontFamily: 'ui-monospace, monospace' } }),
            EditorView.updateListener.of((update) => {
              if (update.docChanged && update.transactions.some((tr) => tr.isUserEvent('input') || tr.isUserEvent('delete') || tr.isUserEvent('undo') || tr.isUserEvent('redo') || tr.isUserEvent('move'))) {
                read(update.state.doc.toString());
              }
            }),
          ],
        }),
      });
      // The scroller is a keyboard stop of its own, so the text can be scrolled without editing it (axe: scrollable-region-focusable).
      view.current.scrollDOM.tabIndex = 0;
      view.current.scrollDOM.setAttribute('aria-label', t('source.label'));
      fromText.current = document;
      if (pendingFocus.current) placeCursor(pendingFocus.current);
    });
    return () => {
      cancelled = true;
      view.current?.destroy();
      view.current = undefined;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one editor per mount; the document follows below
  }, [thread, readOnly]);

  // Another view changed the document: the text follows.
  useEffect(() => {
    const editor = view.current;
    if (!editor || document === fromText.current) return;
    fromText.current = document;
    editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: documentYaml(document) } });
  }, [document]);

  // Problems of the text (YAML) and of the document (analysis) as marks in the editor.
  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    const text = editor.state.doc.toString();
    const diagnostics: Diagnostic[] = [];
    for (const problem of yamlProblems) {
      const at = offsetInMessage(editor.state, problem.message) ?? 0;
      diagnostics.push({ from: at, to: Math.min(editor.state.doc.length, at + 1), severity: 'error', message: problem.message });
    }
    if (yamlProblems.length === 0) {
      for (const problem of problems.slice(0, 200)) {
        const range = rangeOfPath(text, parseJsonPath(problem.path));
        if (range) diagnostics.push({ ...range, severity: problem.severity, message: problem.message });
      }
    }
    editor.dispatch(setDiagnostics(editor.state, diagnostics));
  }, [problems, yamlProblems]);

  // A problem's link: the cursor goes to the value at fault (once the editor is there).
  useEffect(() => {
    pendingFocus.current = focus;
    if (focus && view.current) placeCursor(focus);
  }, [focus]);

  return (
    <section className="source" aria-labelledby="source-heading">
      <h2 id="source-heading" className="visually-hidden">{t('view.source')}</h2>
      <p className="hint">{t('source.hint')}</p>
      {yamlProblems.length > 0 && (
        <ul className="source-problems" aria-live="polite">
          {yamlProblems.map((p, i) => (
            <li key={i} className="error">{p.message}</li>
          ))}
        </ul>
      )}
      <div ref={host} className="source-editor" />
    </section>
  );
}
