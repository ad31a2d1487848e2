/** The workbench page: languages first, then the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from './i18n.js';
import { namespaces } from './messages.js';
import { App } from './shell/App.js';
import './style.css';

await initI18n(namespaces);
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
