/**
 * The native application menu, as data. Every item that is not a system role names a command of the renderer's
 * registry (`renderer/src/store/commands.ts`); choosing it sends `menu:command` and the renderer runs that command,
 * the same one the toolbar, the context menu and the keyboard run. Labels and keys come from the renderer (it
 * sends its commands with `app:ready`), so the menu and the app never disagree.
 *
 * Accelerators are shown, not registered (`registerAccelerator: false`): the renderer's keyboard handler is the one
 * place keys are bound, and it leaves keys typed into text fields alone. On macOS the text-editing keys (undo,
 * cut, copy, paste, select all) only reach a page through the menu, so there those items register their keys and
 * the renderer decides: in a text field it asks for the native edit (`edit:native`), elsewhere it runs the command.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { IpcRequest, RecentFile } from '../shared/ipc.js';

/** A command the renderer has, as it sends it with `app:ready`. */
export type MenuCommand = IpcRequest<'app:ready'>['commands'][number];

/** An item of the menu structure. */
export type MenuEntry =
  | 'separator'
  /** A renderer command; `optional` ones are left out when the renderer does not have them. */
  | { command: string; optional?: true }
  | { role: NonNullable<MenuItemConstructorOptions['role']> }
  | { submenu: string; items: MenuEntry[] }
  | 'recent';

export interface MenuSection {
  label: string;
  items: MenuEntry[];
}

/** Commands whose keys belong to text fields too; see the module comment. */
export const TEXT_EDITING_COMMANDS = new Set([
  'edit.undo',
  'edit.redo',
  'edit.cut',
  'edit.copy',
  'edit.paste',
  'edit.selectAll',
]);

/** The menu bar, in order. macOS adds the application menu in front and the Window menu before Help. */
export const MENU: readonly MenuSection[] = [
  {
    label: 'File',
    items: [
      { command: 'file.new' },
      { command: 'file.open' },
      'recent',
      { command: 'file.templates' },
      'separator',
      { command: 'file.save' },
      { command: 'file.saveAs' },
      'separator',
      { command: 'file.import', optional: true },
      {
        submenu: 'Export',
        items: [
          { command: 'file.export', optional: true },
          'separator',
          { command: 'file.exportPng', optional: true },
          { command: 'file.exportSvg', optional: true },
          { command: 'file.exportMermaid', optional: true },
          { command: 'file.exportDrawio', optional: true },
          'separator',
          { command: 'file.exportReport', optional: true },
        ],
      },
      'separator',
      { command: 'file.properties' },
    ],
  },
  {
    label: 'Edit',
    items: [
      { command: 'edit.undo' },
      { command: 'edit.redo' },
      'separator',
      { command: 'edit.cut' },
      { command: 'edit.copy' },
      { command: 'edit.paste' },
      { command: 'edit.duplicate' },
      { command: 'edit.delete' },
      'separator',
      { command: 'edit.selectAll' },
      { command: 'edit.deselect' },
      'separator',
      { command: 'insert.note' },
      { command: 'insert.partition', optional: true },
    ],
  },
  {
    label: 'Arrange',
    items: [
      { command: 'arrange.autoLayout' },
      'separator',
      { command: 'arrange.align.left' },
      { command: 'arrange.align.centerX' },
      { command: 'arrange.align.right' },
      { command: 'arrange.align.top' },
      { command: 'arrange.align.centerY' },
      { command: 'arrange.align.bottom' },
      'separator',
      { command: 'arrange.distribute.x' },
      { command: 'arrange.distribute.y' },
    ],
  },
  {
    label: 'View',
    items: [
      { command: 'view.fit' },
      { command: 'view.zoomIn' },
      { command: 'view.zoomOut' },
      { command: 'view.zoom100' },
      'separator',
      { command: 'view.snap' },
      { command: 'view.theme' },
      'separator',
      { role: 'togglefullscreen' },
    ],
  },
  {
    label: 'Simulation',
    items: [
      { command: 'sim.playPause' },
      { command: 'sim.step' },
      { command: 'sim.restart' },
      'separator',
      { command: 'sim.recordGif', optional: true },
      { command: 'sim.recordWebm', optional: true },
    ],
  },
  {
    label: 'Interview',
    items: [
      { command: 'interview.start', optional: true },
      { command: 'interview.pause', optional: true },
      { command: 'interview.dealDrill', optional: true },
      { command: 'interview.interviewerView', optional: true },
      'separator',
      { command: 'interview.finish', optional: true },
      { command: 'interview.end', optional: true },
    ],
  },
  {
    label: 'Help',
    items: [{ command: 'help.shortcuts' }],
  },
];

/** Every command id the menu names, with whether it may be missing. */
export function menuCommandIds(sections: readonly MenuSection[] = MENU): { id: string; optional: boolean }[] {
  const ids: { id: string; optional: boolean }[] = [];
  const walk = (items: readonly MenuEntry[]) => {
    for (const item of items) {
      if (typeof item !== 'object') continue;
      if ('command' in item) ids.push({ id: item.command, optional: item.optional === true });
      else if ('submenu' in item) walk(item.items);
    }
  };
  for (const section of sections) walk(section.items);
  return ids;
}

const KEY_NAMES: Record<string, string> = {
  '+': 'Plus',
  ' ': 'Space',
  Escape: 'Esc',
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
  ArrowUp: 'Up',
  ArrowDown: 'Down',
};

/**
 * A shortcut in the renderer's notation (`Mod+Shift+Z`, `Mod++`, `Delete`, `?`, `Space`) as an Electron
 * accelerator (`CmdOrCtrl+Shift+Z`, `CmdOrCtrl+Plus`, `Delete`, `?`, `Space`).
 */
export function toAccelerator(shortcut: string): string {
  let mods: string[];
  let key: string;
  if (shortcut === '+') [mods, key] = [[], '+'];
  else if (shortcut.endsWith('++')) [mods, key] = [shortcut.slice(0, -2).split('+'), '+'];
  else {
    mods = shortcut.split('+');
    key = mods.pop() ?? '';
  }
  const accelMods = mods.map((m) => (m === 'Mod' ? 'CmdOrCtrl' : m));
  const accelKey = KEY_NAMES[key] ?? (key.length === 1 ? key.toUpperCase() : key);
  return [...accelMods, accelKey].join('+');
}

export interface MenuOptions {
  platform: NodeJS.Platform;
  appName: string;
  /** Development builds get the developer tools and reload in the View menu. */
  developer: boolean;
  /** The renderer's commands; before it is ready, the menu holds only system items. */
  commands: readonly MenuCommand[];
  recent: readonly RecentFile[];
  runCommand(id: string): void;
  openRecent(path: string): void;
  clearRecent(): void;
}

/** Drops separators at either end and doubled ones, left behind by optional items that are absent. */
function tidy(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  const out: MenuItemConstructorOptions[] = [];
  for (const item of items) {
    if (item.type === 'separator' && (out.length === 0 || out.at(-1)?.type === 'separator')) continue;
    out.push(item);
  }
  while (out.at(-1)?.type === 'separator') out.pop();
  return out;
}

/** Builds Electron's menu template from `MENU`, the renderer's commands and the recent files. */
export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const { platform, appName, developer, commands, recent } = options;
  const mac = platform === 'darwin';
  const byId = new Map(commands.map((c) => [c.id, c]));

  const recentMenu = (): MenuItemConstructorOptions => ({
    label: 'Open Recent',
    submenu: tidy([
      ...recent.map((file): MenuItemConstructorOptions => ({
        label: file.name,
        toolTip: file.path,
        click: () => options.openRecent(file.path),
      })),
      { type: 'separator' },
      { label: 'Clear Menu', enabled: recent.length > 0, click: () => options.clearRecent() },
    ]),
  });

  const convert = (items: readonly MenuEntry[]): MenuItemConstructorOptions[] =>
    tidy(
      items.flatMap((item): MenuItemConstructorOptions[] => {
        if (item === 'separator') return [{ type: 'separator' }];
        if (item === 'recent') return [recentMenu()];
        if ('role' in item) return [{ role: item.role }];
        if ('submenu' in item) {
          const submenu = convert(item.items);
          return submenu.length ? [{ label: item.submenu, submenu }] : [];
        }
        const command = byId.get(item.command);
        if (!command) return [];
        const accelerator = command.shortcut ? toAccelerator(command.shortcut) : undefined;
        return [
          {
            id: command.id,
            label: command.label,
            accelerator,
            registerAccelerator: mac && TEXT_EDITING_COMMANDS.has(command.id),
            click: () => options.runCommand(command.id),
          },
        ];
      }),
    );

  const sections: MenuItemConstructorOptions[] = MENU.flatMap((section) => {
    const items = convert(section.items);
    // A menu of optional commands the renderer does not have (yet) is left out, not shown empty.
    if (items.length === 0 && section.label !== 'File' && section.label !== 'Help') return [];
    if (section.label === 'File')
      items.push({ type: 'separator' }, mac ? { role: 'close' } : { role: 'quit', label: 'Quit' });
    if (section.label === 'View' && developer) {
      items.push({ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' });
    }
    if (section.label === 'Help' && !mac)
      items.push({ type: 'separator' }, { role: 'about', label: `About ${appName}` });
    return [{ label: section.label, submenu: tidy(items) }];
  });

  if (!mac) return sections;
  const help = sections.pop()!;
  return [{ label: appName, role: 'appMenu' }, ...sections, { role: 'windowMenu' }, { ...help, role: 'help' }];
}
