// The renderer's only door to the backend: `window.csm.invoke(method, input)`, and
// `window.csm.previewPdf(id)` for the PDF preview window. Sandboxed preloads
// may import nothing but electron, so this file stays self-contained.
import { contextBridge, ipcRenderer } from 'electron';

const CHANNEL = 'csm:invoke';
// main/electron/pdfPreview.ts PDF_PREVIEW_CHANNEL (a sandboxed preload cannot import it).
const PREVIEW_PDF_CHANNEL = 'csm:previewPdf';

contextBridge.exposeInMainWorld('csm', {
  invoke: (method: string, input: unknown): Promise<unknown> => {
    if (typeof method !== 'string' || !/^[a-zA-Z]+(\.[a-zA-Z]+)+$/.test(method)) {
      return Promise.reject(new Error('bad method name'));
    }
    return ipcRenderer.invoke(CHANNEL, method, input);
  },
  /** Opens a PDF attachment in the dedicated preview window (the main window frames nothing). */
  previewPdf: (id: string): Promise<unknown> => {
    if (typeof id !== 'string') return Promise.reject(new Error('bad attachment id'));
    return ipcRenderer.invoke(PREVIEW_PDF_CHANNEL, id);
  },
});
