// Authentication of gateway users lives in gateway/src/auth (public key, TOTP, lockout, delays).
export { createLoginFlow, type Authenticated, type LoginFlow } from '../auth/login';
