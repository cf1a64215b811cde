// The batch area: one command on many hosts, run by the gateway as a job (docs/GATEWAY.md, "Batch
// jobs"). The run dialog chooses hosts and settings, the job view watches it (panes or tiles,
// progress, controls) and shows its results; the history re-opens past jobs.
import { useEffect, useState } from 'react';
import { requestAccess } from '../access';
import type { BatchForm } from '../model/batch-form';
import type { AccessAskForJob } from '../model/batch-selection';
import type { Area, ShellContext } from '../registry';
import { BATCH_ACTIONS } from './actions';
import { onBatchHostsChosen } from './choose';
import { HistoryDialog, JobView, preloadBatchViews, RunDialog } from './lazy';

const RUN_MODAL = 'batch.run';
const HISTORY_MODAL = 'batch.history';

function BatchOverlay({ ctx }: { ctx: ShellContext }) {
  // The hosts the run dialog opens with (from the tree), bumped so the same choice opens it afresh.
  const [chosen, setChosen] = useState<{ selector: string; n: number }>({ selector: '', n: 0 });
  const [openJob, setOpenJob] = useState<string | null>(null);
  // The run dialog's form while the access request dialog (one modal at a time) has its place.
  const [returning, setReturning] = useState<{ form: BatchForm; asked: AccessAskForJob | null } | null>(null);
  const { openModal, closeModal } = ctx;
  useEffect(
    () =>
      onBatchHostsChosen((selector) => {
        setReturning(null);
        setChosen((c) => ({ selector, n: c.n + 1 }));
        openModal(RUN_MODAL);
      }),
    [openModal],
  );
  const requestFor = (form: BatchForm, ask: AccessAskForJob) => {
    setReturning({ form, asked: null });
    requestAccess({
      hosts: ask.hosts,
      login: ask.login || undefined,
      onClosed: (sent) => {
        setReturning({ form, asked: sent ? ask : null });
        openModal(RUN_MODAL);
      },
    });
  };
  const close = () => {
    setReturning(null);
    closeModal();
  };
  const showJob = (job: string) => {
    close();
    setOpenJob(job);
  };
  return (
    <>
      {openJob && <JobView key={openJob} api={ctx.api} jobId={openJob} onClose={() => setOpenJob(null)} />}
      {ctx.modal === RUN_MODAL && (
        <RunDialog key={chosen.n} api={ctx.api} hosts={ctx.hosts.hosts ?? []} initialSelector={chosen.selector} returning={returning} onRequestAccess={requestFor} onCancel={close} onStarted={showJob} />
      )}
      {ctx.modal === HISTORY_MODAL && <HistoryDialog api={ctx.api} onCancel={ctx.closeModal} onOpen={showJob} />}
    </>
  );
}

export const batchArea: Area = {
  name: 'batch',
  catalogs: { en: () => import('./locales/en.json'), 'zh-CN': () => import('./locales/zh-CN.json') },
  actions: BATCH_ACTIONS,
  handlers: (ctx) => ({
    'batch.new': () => ctx.openModal(RUN_MODAL),
    'batch.history': () => ctx.openModal(HISTORY_MODAL),
  }),
  panels: { overlay: BatchOverlay },
  preload: preloadBatchViews,
};
