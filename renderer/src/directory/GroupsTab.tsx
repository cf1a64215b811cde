// The Groups tab: the groups with their members (filtered, paged), a new group, and adding or
// removing a member (removing asks first: access granted through the group ends at once).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GroupSummary, UserSummary } from '../../../shared/contract/gateway-api/users';
import type { PortcullisApi } from '../../../shared/contract/window';
import { checkGroupForm, groupText } from '../model/directory';
import { FieldError, invalidProps } from '../ui';
import { Confirm, PagedTable, useCall, useProblems } from './parts';

export function GroupsTab({ api, groups, users, onGroup }: { api: PortcullisApi; groups: readonly GroupSummary[]; users: readonly UserSummary[]; onGroup: (group: GroupSummary) => void }) {
  const { t } = useTranslation('directory');
  const [name, setName] = useState('');
  const [adding, setAdding] = useState<Record<string, string>>({});
  const [removing, setRemoving] = useState<{ group: string; user: string } | null>(null);
  const [errors, check] = useProblems();
  const call = useCall();
  const create = () => {
    const params = check(checkGroupForm(name));
    if (params) call.run(() => api.request('groups.create', params), (g) => (onGroup(g), setName('')));
  };
  const addMember = (group: string) => {
    const user = adding[group]?.trim();
    if (user) call.run(() => api.request('groups.members.add', { group, user }), (g) => (onGroup(g), setAdding({ ...adding, [group]: '' })));
  };
  return (
    <section data-testid="directory-groups">
      <form className="directory-row directory-top" onSubmit={(e) => (e.preventDefault(), create())}>
        <input className="text-input mono" data-testid="directory-group-name" aria-label={t('groups.name')} placeholder={t('groups.new')} value={name} onChange={(e) => setName(e.target.value)} {...invalidProps('name', errors)} />
        <button type="submit" className="button" data-testid="directory-group-create">
          {t('groups.create')}
        </button>
      </form>
      <div className="form-grid">
        <FieldError field="name" errors={errors} />
      </div>
      {removing && (
        <Confirm
          testId="directory-member-remove"
          title={t('groups.removeMember', removing)}
          confirmLabel={t('groups.removeSubmit')}
          error={call.error}
          onCancel={() => (call.clear(), setRemoving(null))}
          onConfirm={() => call.run(() => api.request('groups.members.remove', removing), (g) => (onGroup(g), setRemoving(null)))}
        >
          <p>{t('groups.removeConfirm', removing)}</p>
        </Confirm>
      )}
      {!removing && call.error && <p className="error-text" role="alert">{call.error}</p>}
      <datalist id="directory-user-names">
        {users.filter((u) => !u.removed).map((u) => (
          <option key={u.name} value={u.name} />
        ))}
      </datalist>
      <PagedTable
        testId="directory-groups"
        items={groups}
        textOf={groupText}
        headers={[t('groups.name'), t('groups.members'), t('groups.addMember')]}
        row={(g) => (
          <tr key={g.name} data-testid="directory-group" data-name={g.name}>
            <td className="mono">{g.name}</td>
            <td>
              {g.members.length === 0 && <span className="muted">{t('groups.noMembers')}</span>}
              {g.members.map((user) => (
                <span key={user} className="directory-chip" data-testid="directory-member">
                  {user}
                  <button type="button" className="directory-chip-remove" aria-label={t('groups.removeMember', { user, group: g.name })} data-testid="directory-member-remove-open" onClick={() => (call.clear(), setRemoving({ group: g.name, user }))}>
                    ×
                  </button>
                </span>
              ))}
            </td>
            <td>
              <form className="directory-row" onSubmit={(e) => (e.preventDefault(), addMember(g.name))}>
                <input className="text-input mono" list="directory-user-names" data-testid="directory-member-name" aria-label={t('groups.member')} value={adding[g.name] ?? ''} onChange={(e) => setAdding({ ...adding, [g.name]: e.target.value })} />
                <button type="submit" className="button button-small" data-testid="directory-member-add">
                  {t('groups.addMember')}
                </button>
              </form>
            </td>
          </tr>
        )}
      />
    </section>
  );
}
