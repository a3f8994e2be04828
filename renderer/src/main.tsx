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

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element.');

// Take the session token out of the address bar before anything else runs.
const setup = createApi(window);

createRoot(container).render(<StrictMode>{setup.ok ? <App api={setup.api} session={setup.session} /> : <MissingTokenScreen reason="missing" />}</StrictMode>);
