// The gateway's keyboard-interactive questions during one connection attempt, waiting for a person:
// at most one open at a time (SSH asks them in rounds), each with a deadline so an unanswered
// question ends the attempt instead of hanging it. The question text comes from the gateway, so it
// is trimmed and stripped of control characters before anyone shows it. Answers pass straight
// through to ssh2 and are neither logged nor kept.
import { why } from '../../../shared/contract/error-reasons';
import { AUTH_PROMPT_LIMITS, type AuthPrompt } from '../../../shared/contract/auth-prompt';
import { RpcError } from '../../../shared/rpc/protocol';

export const DEFAULT_PROMPT_TIMEOUT_MS = 2 * 60_000;

/** What ssh2 hands over for one round. */
export interface GatewayQuestion {
  name: string;
  instructions: string;
  prompts: Array<{ prompt: string; echo?: boolean }>;
}

export type PromptOutcome = { answers: string[] } | { ended: 'cancelled' | 'timeout' | 'aborted' | 'too many prompts' };

export interface AuthPrompts {
  /** The open question, as the renderer sees it. */
  current(): AuthPrompt | undefined;
  /** Opens a question; settles when it is answered, cancelled, timed out or aborted. */
  ask(question: GatewayQuestion): Promise<PromptOutcome>;
  /** Throws an RpcError when `id` is not the open question or the answers do not fit it. */
  answer(id: string, answers: string[]): void;
  cancel(id: string): void;
  /** The attempt ended some other way: settle the open question, if any. */
  abort(): void;
}

// Unique in this process, so an answer meant for an older question (or connection) never fits a newer one.
let lastId = 0;

export function createAuthPrompts(options: { timeoutMs?: number; onChange: () => void }): AuthPrompts {
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROMPT_TIMEOUT_MS;
  let open: { prompt: AuthPrompt; settle: (outcome: PromptOutcome) => void } | undefined;

  const openOne = (id: string) => {
    if (!open || open.prompt.id !== id) throw new RpcError('not_found', 'this question from the gateway is no longer open (it was answered, cancelled or timed out)', why('client.question_closed'));
    return open;
  };

  return {
    current: () => open?.prompt,
    ask(question) {
      open?.settle({ ended: 'aborted' }); // a new round replaces an unanswered one (the gateway moved on)
      if (question.prompts.length > AUTH_PROMPT_LIMITS.prompts) return Promise.resolve({ ended: 'too many prompts' });
      return new Promise<PromptOutcome>((resolve) => {
        const prompt: AuthPrompt = {
          id: `q${++lastId}`,
          name: clean(question.name, AUTH_PROMPT_LIMITS.name),
          instructions: clean(question.instructions, AUTH_PROMPT_LIMITS.instructions, true),
          prompts: question.prompts.map((p) => ({ prompt: clean(p.prompt, AUTH_PROMPT_LIMITS.prompt), echo: p.echo === true })),
          deadline: Date.now() + timeoutMs,
        };
        const timer = setTimeout(() => settle({ ended: 'timeout' }), timeoutMs);
        const settle = (outcome: PromptOutcome) => {
          if (open?.prompt !== prompt) return;
          clearTimeout(timer);
          open = undefined;
          options.onChange();
          resolve(outcome);
        };
        open = { prompt, settle };
        options.onChange();
      });
    },
    answer(id, answers) {
      const question = openOne(id);
      const expected = question.prompt.prompts.length;
      if (answers.length !== expected) throw new RpcError('bad_request', `the gateway asked ${expected} question(s); ${answers.length} answer(s) were given`);
      question.settle({ answers });
    },
    cancel: (id) => openOne(id).settle({ ended: 'cancelled' }),
    abort: () => open?.settle({ ended: 'aborted' }),
  };
}

/** Text from the gateway, made safe to show: no control characters (line breaks kept where asked), trimmed to fit. */
function clean(text: string, max: number, keepLineBreaks = false): string {
  const stripped = String(text ?? '').replace(keepLineBreaks ? /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g : /[\u0000-\u001f\u007f-\u009f]/g, '');
  return stripped.length > max ? `${stripped.slice(0, max - 1)}…` : stripped;
}
