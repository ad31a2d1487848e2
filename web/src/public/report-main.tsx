/** The public report form (report.html, also at /report): no sign-in, none of the workbench's code. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from '../i18n.js';
import { common } from '../common/messages.js';
import { publicPages } from './messages.js';
import { ReportPage } from './ReportPage.js';
import './public.css';

await initI18n({ public: publicPages, common });
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ReportPage />
  </StrictMode>,
);
