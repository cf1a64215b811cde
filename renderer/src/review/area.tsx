// The review area: a security reviewer's window over the gateway's recordings — the sessions, the
// command log, a player that seeks from keyframes, and exports (asciicast, evidence bundle).
import { Suspense } from 'react';
import type { Area, ShellContext } from '../registry';
import { REVIEW_ACTIONS } from './actions';
import { preloadReview, ReviewWindow } from './lazy';
import { reviewStore } from './review-store';

export const REVIEW_MODAL = 'review.window';

function ReviewOverlay({ ctx }: { ctx: ShellContext }) {
  if (ctx.modal !== REVIEW_MODAL) return null;
  return (
    <Suspense fallback={null}>
      <ReviewWindow api={ctx.api} onClose={ctx.closeModal} />
    </Suspense>
  );
}

export const reviewArea: Area = {
  name: 'review',
  catalogs: { en: () => import('./locales/en.json'), 'zh-CN': () => import('./locales/zh-CN.json') },
  actions: REVIEW_ACTIONS,
  handlers: (ctx) => ({
    'review.sessions': () => {
      reviewStore.show('sessions');
      ctx.openModal(REVIEW_MODAL);
    },
    'review.commands': () => {
      reviewStore.show('commands');
      ctx.openModal(REVIEW_MODAL);
    },
  }),
  panels: { overlay: ReviewOverlay },
  preload: () => preloadReview(),
};
