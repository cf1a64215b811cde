// The lab's small fleet: real sshd hosts placed in a machine/service tree with tags, so every
// part of the product has something real to show. team › business line › service › module.
export interface LabHostSpec {
  name: string;
  nodes: string[][];
  tags: Record<string, string>;
}

export const LAB_USER = 'alice';

/** Beside the operator, one user per other role, each with a client profile, so every role can be tried. */
export const LAB_REVIEWERS = [
  { user: 'sam', roles: ['security'], profile: 'security reviewer (sam)' },
  { user: 'ada', roles: ['admin'], profile: 'gateway admin (ada)' },
] as const;

export const LAB_HOSTS: LabHostSpec[] = [
  { name: 'web-01', nodes: [['platform', 'storefront', 'web', 'frontend']], tags: { env: 'lab', role: 'web', service: 'storefront' } },
  { name: 'web-02', nodes: [['platform', 'storefront', 'web', 'frontend']], tags: { env: 'lab', role: 'web', service: 'storefront' } },
  {
    name: 'api-01',
    nodes: [['platform', 'storefront', 'api', 'orders'], ['platform', 'payments', 'api', 'checkout']],
    tags: { env: 'lab', role: 'api', service: 'minos' },
  },
  { name: 'db-01', nodes: [['data', 'storage', 'postgres', 'primary']], tags: { env: 'lab', role: 'db', service: 'minos' } },
  // Tagged production, so the app's production questions (batch jobs, broadcast typing) show in the lab.
  { name: 'cache-01', nodes: [['data', 'storage', 'redis', 'cache']], tags: { env: 'prod', role: 'cache' } },
];

/**
 * Listed and granted like the others, but the gateway holds no credential for it and nothing runs
 * at its address: opening it shows the gateway's refusal. Its many tags are more than a tree row
 * can show ("+N").
 */
export const LAB_UNCREDENTIALED_HOSTS: LabHostSpec[] = [
  {
    name: 'legacy-01',
    nodes: [['data', 'storage', 'archive', 'legacy']],
    tags: { env: 'lab', role: 'archive', service: 'minos', owner: 'storage-team', tier: 'cold', os: 'debian-9', region: 'eu-west' },
  },
];
