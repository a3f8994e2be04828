/**
 * A fake `electron` module for the shell's unit tests (the real binary cannot run here).
 *
 * Each test file of the shell mocks electron with this one module:
 *
 *     vi.mock('electron', () => import('./electron-mock'));
 *
 * and reads or drives the fakes through the same named exports. The fakes hold only what the shell
 * uses; each object is checked against Electron's declared API (`satisfies`), so a misspelt or
 * removed member fails the type check instead of passing a test. `resetElectronMock()` restores
 * the initial state between tests.
 */
import { EventEmitter } from 'node:events';
import type {
  App,
  BrowserWindowConstructorOptions,
  BrowserWindow as ElectronBrowserWindow,
  ContextBridge,
  Dialog,
  Display,
  HandlerDetails,
  IpcMain,
  IpcMainInvokeEvent,
  IpcRenderer,
  MenuItemConstructorOptions,
  NativeImage,
  Notification as ElectronNotification,
  NotificationConstructorOptions,
  Tray as ElectronTray,
  IpcMainEvent,
  OpenDialogReturnValue,
  Protocol,
  Rectangle,
  SaveDialogReturnValue,
  Screen,
  Session,
  Shell,
  WebContents,
  WindowOpenHandlerResponse,
} from 'electron';
import { vi } from 'vitest';

/** A navigation-like event: records whether a guard called preventDefault. */
export interface FakeEvent {
  url: string;
  defaultPrevented: boolean;
  preventDefault: () => void;
}

export function fakeEvent(url = ''): FakeEvent {
  const event: FakeEvent = {
    url,
    defaultPrevented: false,
    preventDefault: () => {
      event.defaultPrevented = true;
    },
  };
  return event;
}

export class FakeWebContents extends EventEmitter implements Pick<WebContents, 'send' | 'setWindowOpenHandler'> {
  /** What `executeJavaScript` answers, in turn (the last one repeats); the report printer asks the page its state. */
  static scriptResults: unknown[] = [];
  windowOpenHandler: ((details: HandlerDetails) => WindowOpenHandlerResponse) | null = null;
  readonly executeJavaScript = vi.fn((_code: string) => Promise.resolve(FakeWebContents.scriptResults.length > 1 ? FakeWebContents.scriptResults.shift() : FakeWebContents.scriptResults[0]));
  readonly printToPDF = vi.fn((_options: unknown) => Promise.resolve(Buffer.from('%PDF-1.4 fake')));
  readonly send = vi.fn<(channel: string, ...args: unknown[]) => void>();
  readonly setWindowOpenHandler = vi.fn((handler: (details: HandlerDetails) => WindowOpenHandlerResponse) => {
    this.windowOpenHandler = handler;
  });
}

export class FakeBrowserWindow
  extends EventEmitter
  implements
    Pick<
      ElectronBrowserWindow,
      'isDestroyed' | 'isMaximized' | 'isMinimized' | 'getNormalBounds' | 'show' | 'focus' | 'restore' | 'maximize' | 'loadFile' | 'loadURL' | 'close'
    >
{
  static instances: FakeBrowserWindow[] = [];
  /** When set, every page load fails with it. */
  static loadError: Error | null = null;
  static readonly getAllWindows = vi.fn(() => FakeBrowserWindow.instances.filter((window) => !window.destroyed));

  readonly options: BrowserWindowConstructorOptions;
  readonly webContents = new FakeWebContents();
  destroyed = false;
  maximized = false;
  minimized = false;
  visible = false;
  bounds: Rectangle;

  readonly loadFile = vi.fn((_filePath: string) => FakeBrowserWindow.load());
  readonly loadURL = vi.fn((_url: string) => FakeBrowserWindow.load());
  readonly show = vi.fn(() => {
    this.visible = true;
  });
  readonly focus = vi.fn<() => void>();
  readonly restore = vi.fn(() => {
    this.minimized = false;
  });
  readonly maximize = vi.fn(() => {
    this.maximized = true;
    this.visible = true;
  });

  constructor(options: BrowserWindowConstructorOptions = {}) {
    super();
    this.options = options;
    this.bounds = { x: options.x ?? 100, y: options.y ?? 100, width: options.width ?? 800, height: options.height ?? 600 };
    FakeBrowserWindow.instances.push(this);
  }

  private static load(): Promise<void> {
    return FakeBrowserWindow.loadError === null ? Promise.resolve() : Promise.reject(FakeBrowserWindow.loadError);
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  getNormalBounds(): Rectangle {
    return { ...this.bounds };
  }
  readonly destroy = vi.fn(() => {
    this.destroyed = true;
  });
  /** Test helper: the user closes the window. */
  close(): void {
    this.emit('close', fakeEvent());
    this.destroyed = true;
    this.emit('closed');
  }
}

export const BrowserWindow = FakeBrowserWindow;

// Object literals checked with `satisfies` first: an excess (not declared) member is a type error.
const appMembers = {
  isPackaged: false,
  requestSingleInstanceLock: vi.fn(() => true),
  quit: vi.fn<() => void>(),
  exit: vi.fn<(exitCode?: number) => void>(),
  enableSandbox: vi.fn<() => void>(),
  whenReady: vi.fn(() => Promise.resolve()),
  getPath: vi.fn((name: string) => `/fake/${name}`),
  getAppPath: vi.fn(() => '/fake/app'),
  getVersion: vi.fn(() => '0.1.0-test'),
  getName: vi.fn(() => 'Agent Warden'),
} satisfies Partial<Record<keyof App, unknown>>;
export const app = Object.assign(new EventEmitter(), appMembers);

type InvokeHandler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;
type MessageListener = (event: IpcMainEvent, ...args: unknown[]) => void;
const ipcHandlers = new Map<string, InvokeHandler>();
const ipcListeners = new Map<string, MessageListener[]>();

export const ipcMain = {
  handlers: ipcHandlers,
  /** `ipcMain.on` listeners by channel (messages sent with `ipcRenderer.send`). */
  listeners: ipcListeners,
  on: vi.fn((channel: string, listener: MessageListener) => {
    ipcListeners.set(channel, [...(ipcListeners.get(channel) ?? []), listener]);
    return ipcMain;
  }),
  removeListener: vi.fn((channel: string, listener: MessageListener) => {
    ipcListeners.set(channel, (ipcListeners.get(channel) ?? []).filter((existing) => existing !== listener));
    return ipcMain;
  }),
  handle: vi.fn((channel: string, listener: InvokeHandler) => {
    // The real ipcMain refuses a second handler for the same channel.
    if (ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    ipcHandlers.set(channel, listener);
  }),
  removeHandler: vi.fn((channel: string) => {
    ipcHandlers.delete(channel);
  }),
} satisfies Partial<Record<keyof IpcMain | 'handlers' | 'listeners', unknown>>;

const ipcRendererMembers = {
  invoke: vi.fn<(channel: string, ...args: unknown[]) => Promise<unknown>>(() => Promise.resolve({ ok: true, value: null })),
  send: vi.fn<(channel: string, ...args: unknown[]) => void>(),
  sendSync: vi.fn<(channel: string, ...args: unknown[]) => unknown>(),
} satisfies Partial<Record<keyof IpcRenderer, unknown>>;
export const ipcRenderer = Object.assign(new EventEmitter(), ipcRendererMembers);

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld: vi.fn((key: string, api: unknown) => {
    contextBridge.exposed.set(key, api);
  }),
} satisfies Partial<Record<keyof ContextBridge | 'exposed', unknown>>;

type PermissionRequestHandler = Parameters<Session['setPermissionRequestHandler']>[0];
type PermissionCheckHandler = Parameters<Session['setPermissionCheckHandler']>[0];
type DevicePermissionHandler = Parameters<Session['setDevicePermissionHandler']>[0];
type HeadersListener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string | string[]> }) => void,
) => void;

type ProtocolHandler = Parameters<Protocol['handle']>[1];

/** `protocol` (before ready) and `session.protocol` (the session's handlers) in one fake each. */
export class FakeProtocol {
  readonly handlers = new Map<string, ProtocolHandler>();
  readonly registerSchemesAsPrivileged = vi.fn<Protocol['registerSchemesAsPrivileged']>();
  readonly handle = vi.fn((scheme: string, handler: ProtocolHandler) => {
    // The real protocol refuses a second handler for the same scheme.
    if (this.handlers.has(scheme)) throw new Error(`The scheme has been registered: ${scheme}`);
    this.handlers.set(scheme, handler);
  });
}

export const protocol = new FakeProtocol() satisfies Pick<Protocol, 'registerSchemesAsPrivileged' | 'handle'>;

export class FakeSession implements Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'> {
  readonly protocol = new FakeProtocol();
  permissionRequestHandler: PermissionRequestHandler = null;
  permissionCheckHandler: PermissionCheckHandler = null;
  devicePermissionHandler: DevicePermissionHandler = null;
  headersListener: HeadersListener | null = null;

  readonly setPermissionRequestHandler = vi.fn((handler: PermissionRequestHandler) => {
    this.permissionRequestHandler = handler;
  });
  readonly setPermissionCheckHandler = vi.fn((handler: PermissionCheckHandler) => {
    this.permissionCheckHandler = handler;
  });
  readonly setDevicePermissionHandler = vi.fn((handler: DevicePermissionHandler) => {
    this.devicePermissionHandler = handler;
  });
  readonly webRequest = {
    onHeadersReceived: vi.fn((listener: HeadersListener) => {
      this.headersListener = listener;
    }),
  };
}

export const session = { defaultSession: new FakeSession() };

export const shell = {
  openExternal: vi.fn((_url: string) => Promise.resolve()),
} satisfies Partial<Record<keyof Shell, unknown>>;

export const dialog = {
  showOpenDialog: vi.fn((..._args: unknown[]) => Promise.resolve<OpenDialogReturnValue>({ canceled: true, filePaths: [] })),
  showSaveDialog: vi.fn((..._args: unknown[]) => Promise.resolve<SaveDialogReturnValue>({ canceled: true, filePath: '' })),
  showErrorBox: vi.fn<(title: string, content: string) => void>(),
} satisfies Partial<Record<keyof Dialog, unknown>>;

export const Menu = {
  buildFromTemplate: vi.fn((template: MenuItemConstructorOptions[]) => ({ template })),
  setApplicationMenu: vi.fn<(menu: unknown) => void>(),
};

/** The tray icon (background-tray.ts): its menu and click handlers are read by the tests. */
export class FakeTray extends EventEmitter implements Pick<ElectronTray, 'setToolTip' | 'setContextMenu' | 'destroy'> {
  static instances: FakeTray[] = [];
  destroyed = false;
  tooltip = '';
  menu: { template: MenuItemConstructorOptions[] } | null = null;
  readonly setToolTip = vi.fn((tooltip: string) => {
    this.tooltip = tooltip;
  });
  readonly setContextMenu = vi.fn((menu: unknown) => {
    this.menu = menu as { template: MenuItemConstructorOptions[] };
  });
  readonly destroy = vi.fn(() => {
    this.destroyed = true;
  });
  constructor(readonly image: unknown) {
    super();
    FakeTray.instances.push(this);
  }
}

export const Tray = FakeTray;

const fakeImage = { resize: vi.fn(function (this: unknown) { return this; }) } satisfies Partial<Record<keyof NativeImage, unknown>>;

export const nativeImage = {
  createFromPath: vi.fn((_path: string) => fakeImage),
};

/** Notifications (change-notification.ts): each one's options and whether it was shown; a test emits its click. */
export class FakeNotification extends EventEmitter implements Pick<ElectronNotification, 'show'> {
  static instances: FakeNotification[] = [];
  /** What `Notification.isSupported()` answers. */
  static supported = true;
  static readonly isSupported = vi.fn(() => FakeNotification.supported);
  readonly show = vi.fn<() => void>();
  constructor(readonly options: NotificationConstructorOptions) {
    super();
    FakeNotification.instances.push(this);
  }
}

export const Notification = FakeNotification;

/** Only its 'resume' event is used (main/index.ts), which a test emits. */
export const powerMonitor = new EventEmitter();

const DEFAULT_DISPLAY: Pick<Display, 'workArea'> = { workArea: { x: 0, y: 0, width: 1920, height: 1080 } };

export const screen = {
  getAllDisplays: vi.fn((): Pick<Display, 'workArea'>[] => [DEFAULT_DISPLAY]),
  getPrimaryDisplay: vi.fn((): Pick<Display, 'workArea'> => DEFAULT_DISPLAY),
} satisfies Partial<Record<keyof Screen, unknown>>;

/** Back to the initial state: no windows, no handlers, no listeners, default answers, no calls. */
export function resetElectronMock(): void {
  vi.clearAllMocks();
  FakeBrowserWindow.instances = [];
  FakeBrowserWindow.loadError = null;
  FakeWebContents.scriptResults = [];
  FakeTray.instances = [];
  FakeNotification.instances = [];
  FakeNotification.supported = true;
  powerMonitor.removeAllListeners();
  app.removeAllListeners();
  app.isPackaged = false;
  ipcRenderer.removeAllListeners();
  ipcHandlers.clear();
  ipcListeners.clear();
  protocol.handlers.clear();
  contextBridge.exposed.clear();
  session.defaultSession = new FakeSession();
}

