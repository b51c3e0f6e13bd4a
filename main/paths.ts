// Where data lives: --data-dir, else $CSM_DATA_DIR, else the OS's per-user application-data
// folder under the same name Electron's app.getPath('userData') uses, so app and CLI share it.
import os from 'node:os';
import path from 'node:path';

export const APP_NAME = 'CSM Workbench';

export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): string {
  if (env.CSM_DATA_DIR) return path.resolve(env.CSM_DATA_DIR);
  const home = os.homedir();
  if (platform === 'win32')
    return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_NAME);
}

export function defaultUser(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CSM_USER) return env.CSM_USER;
  try {
    return os.userInfo().username || 'local';
  } catch {
    return 'local';
  }
}
