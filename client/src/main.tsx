import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ConsolePage } from './console/ConsolePage.tsx';
import { TabletPage } from './tablet/TabletPage.tsx';
import './i18n/index.ts';
import './styles.css';

/** A join code rides in the URL fragment (never sent to the server or its logs): #code=... */
function fragmentParam(name: string): string | undefined {
  return new URLSearchParams(window.location.hash.slice(1)).get(name) ?? undefined;
}

function App() {
  const path = window.location.pathname;
  if (path.startsWith('/console/')) return <ConsolePage exerciseId={decodeURIComponent(path.split('/')[2] ?? '')} />;
  if (path.startsWith('/tablet')) return <TabletPage initialCode={fragmentParam('code')} />;
  return (
    <main className="home">
      <h1>StartEx</h1>
      <p>Exercise orchestration for the Nuclear Security Support Centre.</p>
      <p>
        <a href="/tablet">Join an exercise with a join code</a>
      </p>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
