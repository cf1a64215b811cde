// The gateway asks something at login (SSH keyboard-interactive), typically a TOTP code: its name,
// instructions and one field per prompt, hidden when the gateway says not to echo. Enter sends,
// Esc cancels (the attempt then fails with a plain reason). The answers live in this component's
// state only until they are sent; nothing keeps them.
import { useEffect, useState } from 'react';
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
  const [answers, setAnswers] = useState(() => prompt.prompts.map(() => ''));
  const left = useSecondsLeft(prompt.deadline);
  const complete = answers.every((a) => a !== '');
  return (
    <FormDialog title={`Sign in to ${gateway}`} testId="gateway-prompt" submitLabel="Sign in" canSubmit={complete} onSubmit={() => onSubmit(answers)} onCancel={onCancel}>
      <p>
        <strong>{gateway}</strong>
        {address && <span className="muted"> ({address})</span>} accepted your key and asks for one more step.
      </p>
      <div className="fingerprint-box">
        {/* Everything in this box is the gateway's own text. */}
        <div className="fingerprint-label">{prompt.name ? `${prompt.name} asks` : 'The gateway asks'}</div>
        {prompt.instructions && (
          <p className="prompt-instructions" data-testid="gateway-prompt-instructions">
            {prompt.instructions}
          </p>
        )}
        {prompt.prompts.map((p, i) => (
          <label key={i} className="prompt-field">
            <span className="form-label">{p.prompt.trim() || 'Answer'}</span>
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
        Sent once, for this sign-in only, and never stored · {left > 0 ? `${formatLeft(left)} left` : 'time is up'}
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
