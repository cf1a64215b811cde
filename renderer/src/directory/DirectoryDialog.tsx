// The admin screen "Users and hosts": tabs Users / Groups / Hosts over the gateway's lists, loaded
// once when it opens and kept in step with each call's answer. A non-admin sees the gateway's
// refusal in plain words and nothing else (the gateway decides; the renderer knows no role).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminHost } from '../../../shared/contract/gateway-api/inventory-admin';
import type { GroupSummary, UserSummary } from '../../../shared/contract/gateway-api/users';
import type { PortcullisApi } from '../../../shared/contract/window';
import { directoryErrorText, upsertByName, withGroupMembers, withoutName } from '../model/directory';
import { Dialog, useLocale } from '../ui';
import { GroupsTab } from './GroupsTab';
import { HostsTab } from './HostsTab';
import { UsersTab } from './UsersTab';

const TABS = ['users', 'groups', 'hosts'] as const;
type Tab = (typeof TABS)[number];

interface Lists {
  users: UserSummary[];
  groups: GroupSummary[];
  hosts: AdminHost[];
}

export function DirectoryDialog({ api, onClose, onHostsChanged }: { api: PortcullisApi; onClose: () => void; onHostsChanged: () => void }) {
  const { t } = useTranslation('directory');
  const locale = useLocale();
  const [tab, setTab] = useState<Tab>('users');
  const [lists, setLists] = useState<Lists | null>(null);
  const [refused, setRefused] = useState<{ denied: boolean; text: string } | null>(null);
  useEffect(() => {
    let alive = true;
    Promise.all([api.request('users.list', {}), api.request('groups.list', {}), api.request('inventory.hosts.list', {})]).then(
      ([users, groups, hosts]) => alive && setLists({ users, groups, hosts }),
      (e: unknown) => alive && setRefused({ denied: (e as { code?: string }).code === 'denied', text: directoryErrorText(e, locale) }),
    );
    return () => void (alive = false);
  }, [api]); // loaded once per opening
  const update = (change: (lists: Lists) => Lists) => setLists((l) => l && change(l));
  const hostsChanged = (change: (hosts: AdminHost[]) => AdminHost[]) => (update((l) => ({ ...l, hosts: change(l.hosts) })), onHostsChanged());
  return (
    <Dialog
      title={t('title')}
      testId="directory"
      wide
      onCancel={onClose}
      footer={
        <button type="button" className="button button-primary" data-testid="directory-close" onClick={onClose}>
          {t('close')}
        </button>
      }
    >
      {refused && (
        <p className={refused.denied ? undefined : 'error-text'} role="alert" data-testid="directory-refused">
          {refused.denied ? t('adminOnly') : refused.text}
        </p>
      )}
      {!lists && !refused && <p className="muted">{t('loading')}</p>}
      {lists && (
        <>
          <div className="directory-tabs" role="tablist">
            {TABS.map((name) => (
              <button key={name} type="button" role="tab" aria-selected={tab === name} className={tab === name ? 'active' : undefined} data-testid={`directory-tab-${name}`} onClick={() => setTab(name)}>
                {t(`tabs.${name}`)}
              </button>
            ))}
          </div>
          {tab === 'users' && <UsersTab api={api} users={lists.users} onUser={(u) => update((l) => ({ ...l, users: upsertByName(l.users, u) }))} />}
          {tab === 'groups' && (
            <GroupsTab api={api} groups={lists.groups} users={lists.users} onGroup={(g) => update((l) => ({ ...l, groups: upsertByName(l.groups, g), users: withGroupMembers(l.users, g) }))} />
          )}
          {tab === 'hosts' && <HostsTab api={api} hosts={lists.hosts} onHost={(h) => hostsChanged((hosts) => upsertByName(hosts, h))} onRemoved={(name) => hostsChanged((hosts) => withoutName(hosts, name))} />}
        </>
      )}
    </Dialog>
  );
}
