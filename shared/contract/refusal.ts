// How the gateway tells the desktop client that it refused a session channel, and why, without
// changing what a plain OpenSSH user reads. The client sends a random tag per channel in the
// environment variable REFUSAL_TAG_ENV (before pty/shell); when the gateway refuses that channel it
// writes one marker line `portcullis-refusal TAG REASON` on stderr before its usual message, then
// exits 1 as always. The tag is never forwarded to the target, so a target cannot fake a refusal,
// and a channel without a tag (plain OpenSSH) gets the message alone, exactly as before.
// A login rule's refusal carries its facts after the reason as `key=value` words
// (`cause=outside_window rule=3 opens=1765094400000`), so the app can word it in its language.
import { z } from 'zod';

export const REFUSAL_TAG_ENV = 'PORTCULLIS_REFUSAL_TAG';

export const REFUSAL_REASONS = [
  'not_permitted', // no such host, or no grant for that login (the same words: no probing)
  'no_credential', // the gateway holds no usable credential for the login
  'bad_target', // the target was not of the form LOGIN@HOST
  'target_failed', // the gateway could not connect to, or was refused by, the target
  'recording_failed', // strict recording could not start, so nothing ran
  'transfer_disabled', // file transfer (sftp) refused: the gateway's transfer.policy is deny
  'login_rule', // a login rule refused the whole login (with LoginRuleRefusal facts)
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];
export const RefusalReasonSchema = z.enum(REFUSAL_REASONS);

/** Why a login rule refused: no rule lets the source in, or none is open now. */
export const LOGIN_RULE_CAUSES = ['source_not_allowed', 'outside_window'] as const;
export type LoginRuleCause = (typeof LOGIN_RULE_CAUSES)[number];

/** The facts of a login rule's refusal: the cause, the rule that refused, when a rule opens next (ms since epoch, when known). */
export const LoginRuleRefusalSchema = z
  .object({
    cause: z.enum(LOGIN_RULE_CAUSES),
    rule: z.number().int().positive(),
    opensAt: z.number().int().nonnegative().optional(),
  })
  .strict();
export type LoginRuleRefusal = z.infer<typeof LoginRuleRefusalSchema>;

/** 16 to 64 letters and digits: room enough for 128 random bits, nothing that could break a line. */
export const RefusalTagSchema = z.string().regex(/^[A-Za-z0-9]{16,64}$/);

const MARKER = 'portcullis-refusal';
/** The longest marker line a client waits for before deciding the stderr is not one. */
export const REFUSAL_MARKER_MAX = MARKER.length + 1 + 64 + 1 + Math.max(...REFUSAL_REASONS.map((r) => r.length)) + 96 + 2;

/** The words of a login rule's facts, in a fixed order. */
const factWords = (facts: LoginRuleRefusal) => [`cause=${facts.cause}`, `rule=${facts.rule}`, ...(facts.opensAt !== undefined ? [`opens=${facts.opensAt}`] : [])];

export function refusalMarkerLine(tag: string, reason: RefusalReason, facts?: LoginRuleRefusal): string {
  const words = reason === 'login_rule' && facts ? factWords(facts) : [];
  return [MARKER, tag, reason, ...words].join(' ') + '\r\n';
}

/** A login rule's facts from the marker's words, or null when they are not exactly that. */
function parseFacts(words: string[]): LoginRuleRefusal | null {
  const pairs = words.map((word) => /^(cause|rule|opens)=([a-z_0-9]{1,40})$/.exec(word));
  if (pairs.some((pair) => !pair)) return null;
  const fields = Object.fromEntries(pairs.map((pair) => [pair![1], pair![2]]));
  if (Object.keys(fields).length !== words.length) return null;
  const digits = (text: string | undefined) => (text !== undefined && /^\d{1,16}$/.test(text) ? Number(text) : text);
  const parsed = LoginRuleRefusalSchema.safeParse({ cause: fields.cause, rule: digits(fields.rule), ...(fields.opens !== undefined && { opensAt: digits(fields.opens) }) });
  return parsed.success ? parsed.data : null;
}

export type MarkerScan = { reason: RefusalReason; rest: string; loginRule?: LoginRuleRefusal } | 'incomplete' | 'none';

/**
 * Reads the start of a channel's stderr: the refusal reason and the text after the marker when it
 * starts with this channel's marker, 'incomplete' while it still could, 'none' when it cannot.
 */
export function scanRefusalMarker(text: string, tag: string): MarkerScan {
  const newline = text.indexOf('\n');
  if (newline < 0) {
    const prefix = `${MARKER} ${tag} `;
    const couldBe = text.length < REFUSAL_MARKER_MAX && (prefix.startsWith(text) || text.startsWith(prefix));
    return couldBe ? 'incomplete' : 'none';
  }
  const line = text.slice(0, newline).replace(/\r$/, '');
  const [marker, lineTag, reason, ...extra] = line.split(' ');
  if (marker !== MARKER || lineTag !== tag) return 'none';
  const parsed = RefusalReasonSchema.safeParse(reason);
  if (!parsed.success) return 'none';
  const rest = text.slice(newline + 1);
  if (parsed.data !== 'login_rule') return extra.length === 0 ? { reason: parsed.data, rest } : 'none';
  // Only the gateway writes this line (the tag is secret to the channel); facts it cannot read are left out.
  const loginRule = extra.length > 0 ? parseFacts(extra) : null;
  return { reason: parsed.data, rest, ...(loginRule && { loginRule }) };
}
