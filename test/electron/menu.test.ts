import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import {
  TEXT_EDITING_COMMANDS,
  buildMenuTemplate,
  menuCommandIds,
  toAccelerator,
  type MenuOptions,
} from '../../electron/menu.js';
import { COMMANDS, COMMANDS_BY_ID } from '../../renderer/src/store/commands.js';
import { IPC_REQUEST_SCHEMAS } from '../../shared/ipc.js';

/** The commands as the renderer sends them with app:ready. */
const RENDERER_COMMANDS = COMMANDS.map((c) => ({ id: c.id, label: c.label, shortcut: c.shortcuts?.[0] }));

function build(overrides: Partial<MenuOptions> = {}) {
  const options: MenuOptions = {
    platform: 'linux',
    appName: 'Backpressure',
    developer: false,
    commands: RENDERER_COMMANDS,
    recent: [],
    runCommand: vi.fn(),
    openRecent: vi.fn(),
    clearRecent: vi.fn(),
    ...overrides,
  };
  return { template: buildMenuTemplate(options), options };
}

/** Every item of a template, depth first. */
function items(template: readonly MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}

const commandItems = (template: readonly MenuItemConstructorOptions[]) =>
  items(template).filter((item) => item.id !== undefined);

describe('native menu', () => {
  it('gets every renderer command through app:ready (the schema accepts them all)', () => {
    const parsed = IPC_REQUEST_SCHEMAS['app:ready'].safeParse({ commands: RENDERER_COMMANDS });
    expect(parsed.error?.issues ?? []).toEqual([]);
  });

  it('names only commands that exist in the renderer (the required ones all do)', () => {
    const missing = menuCommandIds().filter(({ id, optional }) => !optional && !COMMANDS_BY_ID.has(id));
    expect(missing).toEqual([]);
  });

  it('maps every item of the built menu to an existing command, with its label and keys', () => {
    const { template } = build();
    const built = commandItems(template);
    expect(built.length).toBeGreaterThan(35);
    for (const item of built) {
      const command = COMMANDS_BY_ID.get(item.id!);
      expect(command, item.id).toBeDefined();
      expect(item.label).toBe(command!.label);
      expect(item.accelerator).toBe(command!.shortcuts ? toAccelerator(command!.shortcuts[0]!) : undefined);
    }
    // Every command the menu names and the renderer has is in the menu.
    const shown = new Set(built.map((i) => i.id));
    for (const { id } of menuCommandIds()) if (COMMANDS_BY_ID.has(id)) expect(shown.has(id), id).toBe(true);
  });

  it('has File, Edit, View, Simulation and Help menus, plus Quit on Linux and Windows', () => {
    const { template } = build();
    const labels = template.map((m) => m.label);
    for (const name of ['File', 'Edit', 'View', 'Simulation', 'Help']) expect(labels).toContain(name);
    expect(items(template).some((i) => i.role === 'quit')).toBe(true);
    expect(items(template).some((i) => i.role === 'appMenu')).toBe(false);
  });

  it('follows macOS: the application menu first, Close in File, the Window menu, Help last', () => {
    const { template } = build({ platform: 'darwin' });
    expect(template[0]).toMatchObject({ label: 'Backpressure', role: 'appMenu' });
    expect(template.at(-2)).toMatchObject({ role: 'windowMenu' });
    expect(template.at(-1)).toMatchObject({ label: 'Help', role: 'help' });
    const file = template.find((m) => m.label === 'File')!.submenu as MenuItemConstructorOptions[];
    expect(file.some((i) => i.role === 'close')).toBe(true);
    expect(file.some((i) => i.role === 'quit')).toBe(false);
  });

  it('dispatches the command of the item chosen', () => {
    const { template, options } = build();
    const save = commandItems(template).find((i) => i.id === 'file.save')!;
    (save.click as () => void)();
    expect(options.runCommand).toHaveBeenCalledExactlyOnceWith('file.save');
    const play = commandItems(template).find((i) => i.id === 'sim.playPause')!;
    (play.click as () => void)();
    expect(options.runCommand).toHaveBeenLastCalledWith('sim.playPause');
  });

  it('shows keys without taking them from the page, except text editing on macOS', () => {
    for (const item of commandItems(build().template)) expect(item.registerAccelerator, item.id).toBe(false);
    for (const item of commandItems(build({ platform: 'darwin' }).template)) {
      expect(item.registerAccelerator, item.id).toBe(TEXT_EDITING_COMMANDS.has(item.id!));
    }
  });

  it('lists recent files in File > Open Recent, with a way to clear them', () => {
    const recent = [
      { path: '/home/ada/shop.bp.json', name: 'shop.bp.json' },
      { path: '/home/ada/chat.bp.json', name: 'chat.bp.json' },
    ];
    const { template, options } = build({ recent });
    const openRecent = items(template).find((i) => i.label === 'Open Recent')!;
    const entries = openRecent.submenu as MenuItemConstructorOptions[];
    expect(entries.map((e) => e.label ?? e.type)).toEqual(['shop.bp.json', 'chat.bp.json', 'separator', 'Clear Menu']);
    (entries[1]!.click as () => void)();
    expect(options.openRecent).toHaveBeenCalledWith('/home/ada/chat.bp.json');
    (entries[3]!.click as () => void)();
    expect(options.clearRecent).toHaveBeenCalled();
    const empty = items(build().template).find((i) => i.label === 'Open Recent')!
      .submenu as MenuItemConstructorOptions[];
    expect(empty).toEqual([expect.objectContaining({ label: 'Clear Menu', enabled: false })]);
  });

  it('leaves out commands the renderer lacks without leaving stray separators or empty menus', () => {
    const { template } = build({
      commands: RENDERER_COMMANDS.filter((c) => !c.id.startsWith('arrange.') && c.id !== 'file.properties'),
    });
    expect(template.map((m) => m.label)).not.toContain('Arrange');
    for (const menu of items(template).filter((i) => Array.isArray(i.submenu))) {
      const sub = menu.submenu as MenuItemConstructorOptions[];
      expect(sub[0]?.type, menu.label).not.toBe('separator');
      expect(sub.at(-1)?.type, menu.label).not.toBe('separator');
      sub.forEach((item, i) => {
        if (item.type === 'separator') expect(sub[i + 1]?.type, menu.label).not.toBe('separator');
      });
    }
  });

  it('before the renderer is ready, holds only system items', () => {
    const { template } = build({ commands: [] });
    expect(commandItems(template)).toEqual([]);
    expect(template.map((m) => m.label)).toEqual(['File', 'View', 'Help']);
  });

  it('gives developers reload and the developer tools, and nobody else', () => {
    expect(items(build({ developer: true }).template).some((i) => i.role === 'toggleDevTools')).toBe(true);
    expect(items(build().template).some((i) => i.role === 'toggleDevTools')).toBe(false);
  });

  it('writes shortcuts as Electron accelerators', () => {
    expect(toAccelerator('Mod+Shift+Z')).toBe('CmdOrCtrl+Shift+Z');
    expect(toAccelerator('Mod+=')).toBe('CmdOrCtrl+=');
    expect(toAccelerator('Mod++')).toBe('CmdOrCtrl+Plus');
    expect(toAccelerator('+')).toBe('Plus');
    expect(toAccelerator("Mod+'")).toBe("CmdOrCtrl+'");
    expect(toAccelerator('Alt+n')).toBe('Alt+N');
    expect(toAccelerator('Escape')).toBe('Esc');
    expect(toAccelerator('ArrowLeft')).toBe('Left');
    expect(toAccelerator('Shift+1')).toBe('Shift+1');
    expect(toAccelerator('Space')).toBe('Space');
    expect(toAccelerator('?')).toBe('?');
  });
});
