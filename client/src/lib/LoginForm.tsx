import { useState } from 'react';
import type { ErrorDetail } from '@startex/shared';

/** Username and password; the server answers with a session cookie. */
export function LoginForm({ onLogin, error }: { onLogin: (username: string, password: string) => Promise<void>; error?: ErrorDetail | undefined }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <main className="page login">
      <h1>Sign in to StartEx</h1>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          void onLogin(username, password).finally(() => setBusy(false));
        }}
      >
        <label htmlFor="username">Username</label>
        <input id="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
        <label htmlFor="password">Password</label>
        <input id="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        <button type="submit" disabled={busy}>Sign in</button>
      </form>
      {error && <p role="alert" className="error">{error.message}</p>}
    </main>
  );
}
