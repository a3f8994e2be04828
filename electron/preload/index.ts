/**
 * The sandboxed preload (bundled as CommonJS): exposes the bridge as `window.wardenBridge` and
 * nothing else.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createBridge } from './bridge';

contextBridge.exposeInMainWorld('wardenBridge', createBridge(ipcRenderer, (file) => webUtils.getPathForFile(file)));
