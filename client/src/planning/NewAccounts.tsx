import { useTranslation } from 'react-i18next';
import type { NewAccount } from '@startex/shared';

/** Initial passwords of staff accounts just created: shown this once, for the planner to pass on. */
export function NewAccounts({ accounts, onDismiss }: { accounts: NewAccount[]; onDismiss: () => void }) {
  const { t } = useTranslation('planning');
  if (accounts.length === 0) return null;
  return (
    <div className="plan-card plan-accounts" role="alert" data-testid="new-accounts">
      <h3>{t('people.accountsHeading')}</h3>
      <p>{t('people.accountsIntro')}</p>
      <table className="plan-table">
        <thead>
          <tr>
            <th scope="col">{t('people.username')}</th>
            <th scope="col">{t('people.password')}</th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((account) => (
            <tr key={account.username}>
              <th scope="row">{account.username}</th>
              <td><code>{account.password}</code></td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={onDismiss}>{t('people.accountsNoted')}</button>
    </div>
  );
}
