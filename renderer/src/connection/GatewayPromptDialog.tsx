// The gateway asks something at login (SSH keyboard-interactive), typically a TOTP code: its name,
// instructions and one field per prompt, hidden when the gateway says not to echo. Enter sends,
// Esc cancels (the attempt then fails with a plain reason). The answers live in this component's
// state only until they are sent; nothing keeps them.
import { useEffect, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { AuthPrompt } from '../../../shared/contract/auth-prompt';
import { FormDialog } from '../ui';

interface Props {
  gateway: string;
  address?: string;
  prompt: AuthPrompt;
  onSubmit: (answers: string[]) => void;
  onCancel: () => void;
}

export function GatewayPromptDialog({ gateway, address, prompt, onSubmit, onCancel }: Props) {
  const { t } = useTranslation('connection');
  const [answers, setAnswers] = useState(() => prompt.prompts.map(() => ''));
  const left = useSecondsLeft(prompt.deadline);
  const complete = answers.every((a) => a !== '');
  return (
    <FormDialog title={t('prompt.title', { gateway })} testId="gateway-prompt" submitLabel={t('prompt.submit')} canSubmit={complete} onSubmit={() => onSubmit(answers)} onCancel={onCancel}>
      <p>
        <Trans
          t={t}
          i18nKey={address ? 'prompt.intro' : 'prompt.introNoAddress'}
          values={{ gateway, address }}
          components={{ strong: <strong />, muted: <span className="muted" /> }}
        />
      </p>
      <div className="fingerprint-box">
        {/* Everything in this box is the gateway's own text. */}
        <div className="fingerprint-label">{prompt.name ? t('prompt.asks', { name: prompt.name }) : t('prompt.gatewayAsks')}</div>
        {prompt.instructions && (
          <p className="prompt-instructions" data-testid="gateway-prompt-instructions">
            {prompt.instructions}
          </p>
        )}
        {prompt.prompts.map((p, i) => (
          <label key={i} className="prompt-field">
            <span className="form-label">{p.prompt.trim() || t('prompt.answer')}</span>
            <input
              className="text-input"
              type={p.echo ? 'text' : 'password'}
              autoComplete="one-time-code"
              spellCheck={false}
              data-testid="gateway-prompt-input"
              value={answers[i]}
              onChange={(e) => setAnswers(answers.map((a, j) => (j === i ? e.target.value : a)))}
            />
          </label>
        ))}
      </div>
      <p className="muted small" data-testid="gateway-prompt-deadline">
        {t('prompt.once')} · {left > 0 ? t('prompt.left', { time: formatLeft(left) }) : t('prompt.timeUp')}
      </p>
    </FormDialog>
  );
}

/** Whole seconds until `deadline`, ticking. */
function useSecondsLeft(deadline: number): number {
  const [left, setLeft] = useState(() => secondsUntil(deadline));
  useEffect(() => {
    const timer = setInterval(() => setLeft(secondsUntil(deadline)), 1000);
    return () => clearInterval(timer);
  }, [deadline]);
  return left;
}

const secondsUntil = (deadline: number): number => Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
const formatLeft = (s: number): string => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
