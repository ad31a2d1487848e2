/** The reporter's follow-up page (follow.html, also at /follow): a receipt code, no sign-in. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from '../i18n.js';
import { common } from '../common/messages.js';
import { publicPages } from './messages.js';
import { FollowPage } from './FollowPage.js';
import './public.css';

await initI18n({ public: publicPages, common });
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <FollowPage />
  </StrictMode>,
);
