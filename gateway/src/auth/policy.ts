// Login hardening settings. Plain options on startGateway (the config file maps onto these).
export interface LoginPolicy {
  /** Failed logins in a row that lock an account. Default 5. */
  maxFailures: number;
  /** How long a locked account stays locked, ms. Default 30 minutes. */
  lockMs: number;
  /** Wait of the next failing connection of a budget (login-delays.ts) after its first failure, ms; doubles per further failure. Default 1 s. */
  sourceDelayBaseMs: number;
  /** Upper bound of that delay, ms. Default 30 s. */
  sourceDelayMaxMs: number;
  /** A source's failures are forgotten this long after its last one, ms. Default 15 minutes. */
  sourceForgetMs: number;
}

export const DEFAULT_LOGIN_POLICY: LoginPolicy = {
  maxFailures: 5,
  lockMs: 30 * 60_000,
  sourceDelayBaseMs: 1000,
  sourceDelayMaxMs: 30_000,
  sourceForgetMs: 15 * 60_000,
};
