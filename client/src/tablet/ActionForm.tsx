import { useState } from 'react';
import type { ErrorDetail, ParticipantAction } from '@startex/shared';
import { request, type ExerciseConnection } from '../lib/useExercise.ts';

type Value = string | number | boolean;

/** One action of the scenario's catalogue as a form; the server validates it again. */
export function ActionForm({ action, socket }: { action: ParticipantAction; socket: ExerciseConnection['socket'] }) {
  const [values, setValues] = useState<Record<string, Value>>({});
  const [error, setError] = useState<ErrorDetail | undefined>();
  const [sent, setSent] = useState(false);

  async function submit() {
    const fields: Record<string, Value> = {};
    for (const field of action.fields) {
      const value = values[field.name];
      if (field.type === 'boolean') fields[field.name] = value === true;
      else if (value !== undefined && value !== '') fields[field.name] = field.type === 'number' ? Number(value) : value;
    }
    const result = await request(socket, 'action.take', { actionId: action.id, fields, idempotencyKey: crypto.randomUUID() });
    setError(result.ok ? undefined : result.error);
    setSent(result.ok);
    if (result.ok) setValues({});
  }

  return (
    <form className="action" aria-label={action.label} onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <h3>{action.label}</h3>
      {action.fields.map((field) => {
        const id = `${action.id}-${field.name}`;
        const value = values[field.name];
        const set = (v: Value) => setValues((s) => ({ ...s, [field.name]: v }));
        if (field.type === 'boolean') {
          return (
            <label key={field.name} className="check" htmlFor={id}>
              <input id={id} type="checkbox" checked={value === true} onChange={(e) => set(e.target.checked)} /> {field.label}
            </label>
          );
        }
        return (
          <div key={field.name} className="field">
            <label htmlFor={id}>{field.label}</label>
            {field.type === 'choice' ? (
              <select id={id} value={String(value ?? '')} onChange={(e) => set(e.target.value)}>
                <option value="">Choose…</option>
                {(field.options ?? []).map((o) => <option key={o}>{o}</option>)}
              </select>
            ) : (
              <input
                id={id}
                type={field.type === 'number' ? 'number' : 'text'}
                inputMode={field.type === 'number' ? 'decimal' : undefined}
                step="any"
                value={String(value ?? '')}
                onChange={(e) => set(e.target.value)}
              />
            )}
          </div>
        );
      })}
      <button type="submit">Send: {action.label}</button>
      {error && <p role="alert" className="error">{error.message}</p>}
      {sent && !error && <p className="sent" role="status">Sent and logged.</p>}
    </form>
  );
}
