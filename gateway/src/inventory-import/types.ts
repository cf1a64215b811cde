// What the parsers hand to validation, and what an import reports.
import type { ImportIssueCode, ImportSkipCode } from '../../../shared/contract/gateway-api/inventory-import';

export const INVENTORY_FORMATS = ['csv', 'xlsx', 'ansible', 'ssh-config'] as const;
export type InventoryFormat = (typeof INVENTORY_FORMATS)[number];

/** One host as a file describes it, before validation: strings as written. */
export interface CandidateHost {
  /** Where in the file: "line 4", "row 7", "config line 12". */
  where: string;
  name: string;
  /** Host name or IP, optionally with ":PORT". */
  address: string;
  port?: string;
  /** Tree paths as `team/line/service/module`. */
  nodes: string[];
  /** `key=value` texts. */
  tags: string[];
  logins: string[];
}

export type IssueParams = Record<string, string | number>;

/** A row or a file that cannot be imported: where, which field, why (a code and its params for the app, the words for the CLI). */
export interface ImportIssue {
  where: string;
  host?: string;
  field: string;
  code: ImportIssueCode;
  params: IssueParams;
  message: string;
}

/** An entry of the file left out on purpose (a wildcard `Host *`), not an error. */
export interface SkippedEntry {
  where: string;
  code: ImportSkipCode;
  params: IssueParams;
  reason: string;
}

export interface ParsedInventory {
  hosts: CandidateHost[];
  issues: ImportIssue[];
  skipped: SkippedEntry[];
}

/** A validated host: what the store is asked to hold. */
export interface HostSpec {
  where: string;
  name: string;
  /** host:port */
  address: string;
  nodes: string[][];
  tags: Record<string, string>;
  logins: string[];
}
