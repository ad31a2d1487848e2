/**
 * The language switch of every page (the workbench's header and sign-in, the reporter
 * pages): English or Chinese, applied at once and remembered (i18n.ts).
 */
import { useTranslation } from 'react-i18next';
import { chooseLanguage, type Language } from '../i18n.js';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation('common');
  return (
    <label className="language">
      <span className="visually-hidden">{t('language')}</span>
      <select
        data-testid="language"
        value={i18n.language === 'zh' ? 'zh' : 'en'}
        onChange={(e) => void chooseLanguage(e.target.value as Language)}
      >
        <option value="en">English</option>
        <option value="zh">中文</option>
      </select>
    </label>
  );
}
