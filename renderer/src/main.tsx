// The global styles first (tokens, element defaults, page layout); each component's own CSS follows,
// imported by the component.
import './styles/tokens.css';
import './styles/base.css';
import './styles/layout.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApi } from './api/create-api';
import { App } from './app/app';
import { MissingTokenScreen } from './app/missing-token-screen';
import { parsePrintRoute } from './print/print-route';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element.');

// Take the session token out of the address bar before anything else runs.
const setup = createApi(window);

const root = createRoot(container);
// A report's print page (loaded by the back end's printers) is its own small app, fetched only then.
const printRoute = setup.ok ? parsePrintRoute(window.location.hash) : null;
if (setup.ok && printRoute !== null) {
  const { api } = setup;
  void import('./print/print-app').then(({ PrintApp }) => root.render(<PrintApp api={api} route={printRoute} />));
} else {
  root.render(<StrictMode>{setup.ok ? <App api={setup.api} session={setup.session} /> : <MissingTokenScreen reason="missing" />}</StrictMode>);
}
