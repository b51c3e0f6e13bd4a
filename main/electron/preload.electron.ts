// The renderer's only door to the backend: `window.csm.invoke(method, input)`. Sandboxed preloads
// may import nothing but electron, so this file stays self-contained.
import { contextBridge, ipcRenderer } from 'electron';

const CHANNEL = 'csm:invoke';

contextBridge.exposeInMainWorld('csm', {
  invoke: (method: string, input: unknown): Promise<unknown> => {
    if (typeof method !== 'string' || !/^[a-zA-Z]+(\.[a-zA-Z]+)+$/.test(method)) {
      return Promise.reject(new Error('bad method name'));
    }
    return ipcRenderer.invoke(CHANNEL, method, input);
  },
});
