// The hosts line for a selector typed in another area's form (command rules): the gateway's
// preview, as an admin sees it in the grants dialog. A default export, so the access area's index
// can hand it out lazily and keep it off the first paint.
import type { PortcullisApi } from '../../../shared/contract/window';
import { SelectorPreviewLine } from './SelectorPreviewLine';
import { useSelectorPreview } from './use-selector-preview';

export default function SelectorPreviewFor({ api, selector }: { api: PortcullisApi; selector: string }) {
  return <SelectorPreviewLine preview={useSelectorPreview(api, selector, [], true)} />;
}
