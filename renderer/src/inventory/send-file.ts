// Sends a file to the gateway in chunks (one API call each), reporting the bytes sent.
import { INVENTORY_IMPORT_LIMITS } from '../../../shared/contract/gateway-api/inventory-import';
import type { PortcullisApi } from '../../../shared/contract/window';
import { chunksOf, toBase64 } from '../model/inventory-import';

/** The upload's id at the gateway; a file over the limit is refused before anything is sent. */
export async function sendFile(api: PortcullisApi, bytes: Uint8Array, onProgress: (sent: number) => void): Promise<string> {
  if (bytes.length > INVENTORY_IMPORT_LIMITS.fileBytes) throw new TooLargeError();
  let upload: string | undefined;
  let sent = 0;
  for (const chunk of chunksOf(bytes, INVENTORY_IMPORT_LIMITS.chunkBytes)) {
    upload = (await api.request('inventory.upload', { ...(upload && { upload }), data: toBase64(chunk) })).upload;
    sent += chunk.length;
    onProgress(sent);
  }
  return upload!;
}

export class TooLargeError extends Error {}
