// The registry: every area of the app, in the order of their actions (palette, README table) and
// of their panels in each slot. A new capability is one more line here.
import { auditArea } from '../audit';
import { accessArea } from '../access';
import { batchArea } from '../batch';
import { connectionArea } from '../connection';
import { directoryArea } from '../directory';
import { filesArea } from '../files';
import { hostsArea } from '../hosts';
import { inventoryArea } from '../inventory';
import { liveArea } from '../live';
import { metricsArea } from '../metrics';
import type { ActionDef } from '../model/actions';
import { terminalArea } from '../terminal';
import type { Area } from '../registry';
import { reviewArea } from '../review';
import { rulesArea } from '../rules';
import { shellArea } from './shell-area';

export const AREAS: readonly Area[] = [
  shellArea,
  connectionArea,
  hostsArea,
  terminalArea,
  batchArea,
  filesArea,
  liveArea,
  auditArea,
  reviewArea,
  metricsArea,
  accessArea,
  inventoryArea,
  rulesArea,
  directoryArea,
];

export const ACTIONS: readonly ActionDef[] = AREAS.flatMap((area) => area.actions);
