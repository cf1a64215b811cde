// An sftp session's files in words, for its row in `sessions list` (the `command` column): what a
// reviewer scans first. Bounded: past MAX_SUMMARY_CHARS the rest is counted, the audit log has all.
import type { TransferredFile } from './sftp-observer';

export const MAX_SUMMARY_CHARS = 2000;

export class FileSummary {
  private text = '';
  private left = 0;
  /** Files moved so far, and their bytes. */
  files = 0;
  bytes = 0;

  /** Adds a file; returns the summary so far. */
  add(file: TransferredFile): string {
    this.files++;
    this.bytes += file.bytes;
    const entry = `${file.direction} ${file.path} (${file.bytes} bytes${file.complete ? '' : ', partial'})`;
    if (this.left === 0 && this.text.length + entry.length + 2 <= MAX_SUMMARY_CHARS) this.text += (this.text ? '; ' : '') + entry;
    else this.left++;
    return this.left === 0 ? this.text : `${this.text}; … and ${this.left} more`;
  }
}
