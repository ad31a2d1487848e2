/** Who is signed in (id, roles, office) and the sign-out button, for the header. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../i18n.js';
import { labelOf } from '../meta.js';
import { useMeta, useSession } from './context.js';

export function WhoAmI() {
  const { t } = useTranslation('shell');
  const { me, signOut } = useSession();
  const meta = useMeta();
  const lng = useLang();
  const [busy, setBusy] = useState(false);
  let roles =
    me.roles.length > 0
      ? me.roles.map((r) => labelOf(meta.roles, r, lng)).join(', ')
      : t('who.noRole');
  if (me.officeId) roles += ` · ${t('who.office', { office: me.officeId })}`;
  return (
    <div className="who" data-testid="who">
      <span>
        {t('who.label')} <span className="mono">{me.id}</span>{' '}
        <span className="muted">({roles})</span>
      </span>
      <button
        type="button"
        className="secondary small"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          void signOut();
        }}
      >
        {t('signOut')}
      </button>
    </div>
  );
}
