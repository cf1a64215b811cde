export { resolveConfig, CONFIG_FILE_NAME, CONFIG_ENV, DATA_ENV, MASTER_KEY_ENV, type GatewayConfig, type CliSettings } from './load';
export { ConfigError, ENV_OVERRIDES } from './env';
export { defaultConfigText } from './default-file';
export { gatewayOptionsFrom } from './options';
