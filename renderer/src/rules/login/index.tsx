// The login rules part of the rules area: "Login rules…" in the palette (admins only; the gateway
// checks the role whatever the UI shows) opens the list, the add form and the removal.
import { Suspense } from 'react';
import { connectedAs } from '../../access';
import type { ShellContext } from '../../registry';
import type { RulesPart } from '../part';
import { LoginRulesDialog, preloadLoginRules } from './lazy';

const MODAL = 'rules.login';

function LoginRulesOverlay({ ctx }: { ctx: ShellContext }) {
  if (ctx.modal !== MODAL) return null;
  return (
    <Suspense fallback={null}>
      <LoginRulesDialog api={ctx.api} onClose={ctx.closeModal} />
    </Suspense>
  );
}

export const loginRulesPart: RulesPart = {
  key: 'login',
  actions: [{ id: 'rules.login', title: 'rules:login.action', group: 'Gateway', when: connectedAs('admin') }],
  handlers: (ctx) => ({ 'rules.login': () => ctx.openModal(MODAL) }),
  Overlay: LoginRulesOverlay,
  catalogs: { en: () => import('./locales/en.json'), 'zh-CN': () => import('./locales/zh-CN.json') },
  preload: preloadLoginRules,
};
