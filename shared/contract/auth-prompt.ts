// A question the gateway asks during login, after the public key: SSH keyboard-interactive
// (RFC 4256), which is how the gateway asks for a TOTP code. The main side puts the open question
// in the gateway state; the renderer shows it and answers with gateway.answerPrompt (or
// gateway.cancelPrompt). Answers cross the contract once, to be sent, and are never stored.
import { z } from 'zod';

/** Limits on what a gateway may ask; the main side trims its text to fit before showing it. */
export const AUTH_PROMPT_LIMITS = { name: 200, instructions: 2000, prompt: 500, prompts: 10, answer: 1024 } as const;

export const AuthPromptIdSchema = z.string().regex(/^q[0-9]{1,15}$/);

export const AuthPromptSchema = z.object({
  id: AuthPromptIdSchema,
  /** The gateway's own title for the question (may be empty). */
  name: z.string().max(AUTH_PROMPT_LIMITS.name),
  /** The gateway's instructions (may be empty; may hold line breaks). */
  instructions: z.string().max(AUTH_PROMPT_LIMITS.instructions),
  /** One field each. `echo: false` (a code, a password) is typed hidden. */
  prompts: z
    .array(z.object({ prompt: z.string().max(AUTH_PROMPT_LIMITS.prompt), echo: z.boolean() }))
    .min(1)
    .max(AUTH_PROMPT_LIMITS.prompts),
  /** When the main side stops waiting (ms since the epoch): the attempt then fails. */
  deadline: z.number().int().positive(),
});
export type AuthPrompt = z.infer<typeof AuthPromptSchema>;

export const AuthAnswersSchema = z.array(z.string().max(AUTH_PROMPT_LIMITS.answer)).max(AUTH_PROMPT_LIMITS.prompts);
