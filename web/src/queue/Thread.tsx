/** The messages with the reporter: operators' questions and the reporter's answers. */
import { useTranslation } from 'react-i18next';
import { Time } from '../time.js';
import type { ReportView } from './types.js';

export function Thread({ messages }: { messages: ReportView['messages'] }) {
  const { t } = useTranslation('queue');
  return (
    <section className="case-thread">
      <h4>{t('section.messages')}</h4>
      {messages.length === 0 ? (
        <p className="empty">{t('messages.none')}</p>
      ) : (
        <ol className="thread" aria-label={t('messages.label')}>
          {messages.map((m) => {
            const operator = m.author === 'operator';
            return (
              <li key={m.id} className={`message ${operator ? 'from-operator' : 'from-reporter'}`}>
                <div className="meta">
                  <span className="author">
                    {t(operator ? 'messages.operator' : 'messages.reporter')}
                  </span>
                  {' · '}
                  <Time iso={m.at} />
                </div>
                <p className="text" dir="auto">
                  {m.text}
                </p>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
