// Runtime configuration, read once from the environment. Every variable is listed in README.md.
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  adminUser: string | undefined;
  adminPassword: string | undefined;
  encryptionKey: string | undefined;
  logLevel: string;
  sessionTtlHours: number;
  trustProxy: boolean;
  secureCookies: boolean;
  maxLoginFailures: number;
  lockoutMinutes: number;
  loginRateLimitPerMinute: number;
  /** Identify-test calls per minute from one address: the tool must not become a face search engine. */
  identifyRateLimitPerMinute: number;
  /** Worker threads analysing faces (each with its own models, about 150 MB); 0 analyses on the main thread. */
  faceWorkers: number;
  /** Punches one paired kiosk may send per minute (a flood of PIN guesses is refused). */
  kioskPunchRateLimitPerMinute: number;
  uploadLimitMb: number;
  backupDir: string;
  backupKeep: number;
  /** Daily backup time, HH:MM in UTC. */
  backupAt: string;
  /** SMTP server for e-mail (smtp://user:pass@host:port or smtps://…); unset keeps e-mails queued. */
  smtpUrl: string | undefined;
  /** Sender address of e-mails. */
  smtpFrom: string;
  /** The console's address as users reach it, for links in e-mails and chat messages. */
  publicUrl: string | undefined;
}

function intEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new Error(`${name} must be a number, got "${raw}"`);
  return value;
}

function boolEnv(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  return ['1', 'true', 'yes', 'on'].includes(raw.toLowerCase());
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  return {
    port: intEnv(env, 'PORT', 3000),
    host: env.HOST || '127.0.0.1',
    dataDir: path.resolve(env.DATA_DIR || './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    adminUser: env.FACECLOCK_ADMIN_USER || undefined,
    adminPassword: env.FACECLOCK_ADMIN_PASSWORD || undefined,
    encryptionKey: env.FACECLOCK_KEY || undefined,
    logLevel: env.LOG_LEVEL || 'info',
    sessionTtlHours: intEnv(env, 'FACECLOCK_SESSION_HOURS', 12),
    trustProxy: boolEnv(env, 'FACECLOCK_TRUST_PROXY', false),
    secureCookies: boolEnv(env, 'FACECLOCK_SECURE_COOKIES', false),
    maxLoginFailures: intEnv(env, 'FACECLOCK_MAX_LOGIN_FAILURES', 5),
    lockoutMinutes: intEnv(env, 'FACECLOCK_LOCKOUT_MINUTES', 15),
    loginRateLimitPerMinute: intEnv(env, 'FACECLOCK_LOGIN_RATE_LIMIT', 10),
    identifyRateLimitPerMinute: intEnv(env, 'FACECLOCK_IDENTIFY_RATE_LIMIT', 30),
    faceWorkers: intEnv(env, 'FACECLOCK_FACE_WORKERS', 0),
    kioskPunchRateLimitPerMinute: intEnv(env, 'FACECLOCK_KIOSK_PUNCH_RATE_LIMIT', 120),
    uploadLimitMb: intEnv(env, 'FACECLOCK_UPLOAD_LIMIT_MB', 10),
    backupDir: path.resolve(env.FACECLOCK_BACKUP_DIR || path.join(env.DATA_DIR || './data', 'backups')),
    backupKeep: intEnv(env, 'FACECLOCK_BACKUP_KEEP', 14),
    backupAt: env.FACECLOCK_BACKUP_AT || '02:30',
    smtpUrl: env.SMTP_URL || undefined,
    smtpFrom: env.SMTP_FROM || 'FaceClock <faceclock@localhost>',
    publicUrl: env.FACECLOCK_PUBLIC_URL || undefined,
    ...overrides,
  };
}
