export { loadMasterKey, masterKeyFrom, MasterKeyError, MASTER_KEY_ENV, MASTER_KEY_FILE, type MasterKey } from './master-key';
export { seal, open, keyIdOf, SealError } from './seal';
