// The client API's capabilities: one section per capability, each added by one line below. The
// renderer's side loads this module (a chunk of its own) the first time a message needs it, so a
// new capability does not add to the work done before the app's first screen.
import { composeApi } from './api-section';
import { auditSection } from './client-api/audit';
import { accessClientSection } from './client-api/access';
import { batchClientSection } from './client-api/batch';
import { commandRulesClientSection } from './client-api/command-rules';
import { directoryClientSection } from './client-api/directory';
import { filesSection } from './client-api/files';
import { inventoryImportClientSection } from './client-api/inventory-import';
import { liveSection } from './client-api/live';
import { loginRulesClientSection } from './client-api/login-rules';
import { metricsSection } from './client-api/metrics';
import { reviewSection } from './client-api/review';

export const clientCapabilitiesApi = composeApi(batchClientSection, metricsSection, filesSection, liveSection, auditSection, reviewSection, accessClientSection, inventoryImportClientSection, commandRulesClientSection, loginRulesClientSection, directoryClientSection);
