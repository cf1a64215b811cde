// Gateway API section "batch": one command or script on many hosts, run by the gateway as a job
// (it goes on when the client that started it goes), in waves, with failure thresholds, and each
// host run recorded like any exec session. Operators submit and see their own jobs; security and
// admin see every job; admin may control any (docs/GATEWAY.md, "Batch jobs").
import { z } from 'zod';
import type { EventTable } from '../../rpc/protocol';
import { topicEvents } from './events';
import type { GatewayApiSection, GatewayMethodTable } from './policy';

export const BATCH_LIMITS = {
  /** Hosts one job may name. */
  maxHosts: 5000,
  /** Host runs at once inside one job. */
  maxParallel: 200,
  maxCommandBytes: 32 * 1024,
  maxScriptBytes: 256 * 1024,
  /** The longest per-host timeout, s. */
  maxTimeoutSec: 24 * 3600,
  /** A host's output kept beside its row (the whole output is in its recording). */
  outputTailBytes: 4096,
  /** Output lines in a progress event are cut to this many characters. */
  lineChars: 2048,
  /** Per host, output lines stream as events up to this many bytes; the rest is in `batch.output`. */
  streamedBytesPerHost: 64 * 1024,
  /** Largest chunk `batch.output` returns. */
  outputChunkChars: 64 * 1024,
  /** Hosts per `snapshot` event when a progress subscription starts. */
  snapshotPage: 200,
} as const;

/** `5` or `20%`. */
const AmountText = z.string().regex(/^\s*\d{1,6}%?\s*$/, 'a count (5) or a percentage (20%)');

export const BatchSettingsSchema = z
  .object({
    /** As in grants: host names, `node:team/line` or a tag expression (`env=prod,role=web`). */
    selector: z.string().min(1).max(4096),
    /** The login on every host; without it, each host's only granted login (several: not permitted). */
    login: z.string().min(1).max(64).optional(),
    /** One command line, run as an exec. */
    command: z.string().min(1).max(BATCH_LIMITS.maxCommandBytes).optional(),
    /** A multi-line script, sent on stdin to `sh -s` (never typed into a shell). */
    script: z.string().min(1).max(BATCH_LIMITS.maxScriptBytes).optional(),
    parallel: z.number().int().min(1).max(BATCH_LIMITS.maxParallel).default(10),
    /** Wave sizes as Ansible's `serial`: `1,5,20%` (the last repeats); none: one wave. */
    serial: z.string().max(200).optional(),
    /** Over the whole job: pause when more than this many (or this % of the hosts) fail. */
    maxFail: AmountText.optional(),
    /** Inside each wave. */
    waveMaxFail: AmountText.optional(),
    /** Unreachable hosts: counted as failures (default), ignored, or against `unreachableMaxFail`. */
    unreachable: z.enum(['failure', 'ignore', 'threshold']).default('failure'),
    unreachableMaxFail: AmountText.optional(),
    /** Per host, from connect to exit; then the host's run is ended and counts as failed. */
    timeoutSec: z.number().int().min(1).max(BATCH_LIMITS.maxTimeoutSec).default(300),
    /** Pause when a wave brings a result (exit code + output) the canary (first wave) did not. */
    canaryDiff: z.boolean().default(true),
  })
  .strict()
  .refine((s) => (s.command === undefined) !== (s.script === undefined), { message: 'give exactly one of command or script' })
  .refine((s) => (s.unreachable === 'threshold') === (s.unreachableMaxFail !== undefined), { message: 'unreachableMaxFail goes with unreachable: threshold, and only with it' });
export type BatchSettings = z.output<typeof BatchSettingsSchema>;
export type BatchSettingsInput = z.input<typeof BatchSettingsSchema>;

export const BATCH_JOB_STATES = ['running', 'paused', 'done', 'cancelled', 'interrupted'] as const;
export const BatchJobStateSchema = z.enum(BATCH_JOB_STATES);
export type BatchJobState = z.infer<typeof BatchJobStateSchema>;

/**
 * threshold / wave_threshold / unreachable_threshold: failures passed a limit. canary_failed: a host
 * of the first wave failed. canary_diff: a wave brought a result group the canary did not. user: paused by hand.
 */
export const BatchPauseReasonSchema = z.enum(['threshold', 'wave_threshold', 'unreachable_threshold', 'canary_failed', 'canary_diff', 'user']);

/**
 * pending → running → ok | failed (non-zero exit, signal) | timeout | unreachable (could not connect
 * or log in) | refused (the gateway refused to run it: a command rule, no credential, strict
 * recording; the target never ran it). not_permitted: no grant for it (at the start: never in a
 * wave; during the job: the grant went, the host keeps its wave). skipped: by `skip-failed`.
 * cancelled: the job was cancelled before it ran (or while it ran). interrupted: the gateway stopped.
 */
export const BATCH_HOST_STATUSES = ['pending', 'running', 'ok', 'failed', 'timeout', 'unreachable', 'refused', 'not_permitted', 'skipped', 'cancelled', 'interrupted'] as const;
export const BatchHostStatusSchema = z.enum(BATCH_HOST_STATUSES);
export type BatchHostStatus = z.infer<typeof BatchHostStatusSchema>;

/** Why a host is not_permitted (no_grant, login_not_granted, several_logins) or refused (the rest). */
export const BATCH_HOST_REASONS = ['no_grant', 'login_not_granted', 'several_logins', 'command_rule', 'no_credential', 'recording_failed'] as const;
export const BatchHostReasonSchema = z.enum(BATCH_HOST_REASONS);
export type BatchHostReason = z.infer<typeof BatchHostReasonSchema>;

export const BatchCountsSchema = z.record(BatchHostStatusSchema, z.number().int().nonnegative());
export type BatchCounts = Record<BatchHostStatus, number>;

export const BatchHostSchema = z.object({
  host: z.string(),
  login: z.string().nullable(),
  status: BatchHostStatusSchema,
  /** Why it is not_permitted or refused; null otherwise (and from a gateway that does not say). */
  reason: BatchHostReasonSchema.nullable().default(null),
  /** 0-based wave; null for hosts never in a wave (not permitted). */
  wave: z.number().int().nonnegative().nullable(),
  exitCode: z.number().int().nullable(),
  exitSignal: z.string().nullable(),
  durationMs: z.number().int().nonnegative().nullable(),
  /** First stderr line, or why it could not run. */
  firstError: z.string().nullable(),
  outputBytes: z.number().int().nonnegative(),
  /** The recorded exec session of this host's (last) run; null when nothing ran. */
  sessionId: z.string().nullable(),
});
export type BatchHost = z.infer<typeof BatchHostSchema>;

export const BatchJobSchema = z.object({
  id: z.string(),
  submitter: z.string(),
  createdAt: z.number().int(),
  endedAt: z.number().int().nullable(),
  state: BatchJobStateSchema,
  pausedReason: BatchPauseReasonSchema.nullable(),
  settings: BatchSettingsSchema,
  counts: BatchCountsSchema,
  /** The wave being run (0-based) and how many there are. */
  wave: z.number().int().nonnegative(),
  waves: z.number().int().nonnegative(),
  /** Estimated ms until the last host is done, from the pace so far; null until a host is done. */
  etaMs: z.number().int().nonnegative().nullable(),
});
export type BatchJob = z.infer<typeof BatchJobSchema>;

export const BatchGroupSchema = z.object({ exitCode: z.number().int().nullable(), hosts: z.array(z.string()), outputTail: z.string() });
export type BatchGroup = z.infer<typeof BatchGroupSchema>;

export const BatchActionSchema = z.object({ at: z.number().int(), actor: z.string(), action: z.enum(['start', 'pause', 'resume', 'skip-failed', 'retry-failed', 'cancel']) });

const JobId = z.object({ job: z.string().min(1).max(64) }).strict();

export const batchMethods = {
  /** Which hosts the selector names for the caller, and which of them the caller may not run on. */
  'batch.preview': {
    params: z.object({ selector: z.string().min(1).max(4096), login: z.string().min(1).max(64).optional() }).strict(),
    result: z.object({
      hosts: z.array(z.object({ host: z.string(), login: z.string() })),
      notPermitted: z.array(z.object({ host: z.string(), reason: z.enum(['no_grant', 'login_not_granted', 'several_logins']) })),
    }),
    policy: { roles: ['operator', 'admin'] },
  },
  'batch.start': { params: BatchSettingsSchema, result: BatchJobSchema, policy: { roles: ['operator', 'admin'] } },
  /** A job with every host's state, its result groups and who did what; an operator's own jobs only. */
  'batch.get': {
    params: JobId,
    result: z.object({ job: BatchJobSchema, hosts: z.array(BatchHostSchema), groups: z.array(BatchGroupSchema), actions: z.array(BatchActionSchema) }),
    policy: { roles: ['operator', 'security', 'admin'] },
  },
  /** Newest first; operators see their own, security and admin everyone's (or `submitter`'s). */
  'batch.list': {
    params: z.object({ submitter: z.string().max(64).optional(), limit: z.number().int().min(1).max(500).default(50), before: z.number().int().optional() }).strict(),
    result: z.array(BatchJobSchema),
    policy: { roles: ['operator', 'security', 'admin'] },
  },
  /** The submitter controls their job; admin any job. */
  'batch.control': {
    params: z.object({ job: z.string().min(1).max(64), action: z.enum(['pause', 'resume', 'skip-failed', 'retry-failed', 'cancel']) }).strict(),
    result: BatchJobSchema,
    policy: { roles: ['operator', 'admin'] },
  },
  /** A host's whole output (stdout and stderr as they came, from its recording), in chunks. */
  'batch.output': {
    params: z.object({ job: z.string().min(1).max(64), host: z.string().min(1).max(255), offset: z.number().int().nonnegative().default(0), limit: z.number().int().min(1).max(BATCH_LIMITS.outputChunkChars).default(BATCH_LIMITS.outputChunkChars) }).strict(),
    result: z.object({ data: z.string(), offset: z.number().int(), total: z.number().int(), complete: z.boolean() }),
    policy: { roles: ['operator', 'security', 'admin'] },
  },
} satisfies GatewayMethodTable;

export const BatchProgressSchema = z.discriminatedUnion('change', [
  /** At subscribe: the job, then its hosts in pages (`more` while pages follow). */
  z.object({ change: z.literal('snapshot'), job: BatchJobSchema, hosts: z.array(BatchHostSchema).max(BATCH_LIMITS.snapshotPage), more: z.boolean() }),
  /** State, counts, wave or ETA changed. */
  z.object({ change: z.literal('job'), job: BatchJobSchema }),
  z.object({ change: z.literal('host'), host: BatchHostSchema }),
  /** Whole output lines of one host (cut to BATCH_LIMITS.lineChars), never a line split across events. */
  z.object({ change: z.literal('output'), host: z.string(), stream: z.enum(['stdout', 'stderr']), lines: z.array(z.string()) }),
]);
export type BatchProgress = z.infer<typeof BatchProgressSchema>;

export const batchTopics = {
  'batch.progress': { params: JobId, data: BatchProgressSchema },
};

export const batchSection = { methods: batchMethods, events: topicEvents(batchTopics) satisfies EventTable, topics: batchTopics } satisfies GatewayApiSection;
