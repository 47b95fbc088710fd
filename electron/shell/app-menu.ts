import { Menu, type MenuItemConstructorOptions } from 'electron';

/** What the menu's own items do; the shell supplies them. */
export interface AppMenuActions {
  print(): void;
  showAbout(): void;
  showDataFolder(): void;
  quit(): void;
  /** Developer tools appear only in an unpackaged (development) run. */
  developerTools: boolean;
}

/** The zh-CN application menu: 文件 / 编辑 / 视图 / 帮助. */
export function buildAppMenu(actions: AppMenuActions): Menu {
  const template: MenuItemConstructorOptions[] = [
    {
      label: '文件(&F)',
      submenu: [
        { label: '打印…', accelerator: 'CmdOrCtrl+P', click: () => actions.print() },
        { type: 'separator' },
        { label: '打开数据文件所在文件夹', click: () => actions.showDataFolder() },
        { type: 'separator' },
        { label: '退出', accelerator: process.platform === 'win32' ? 'Alt+F4' : 'CmdOrCtrl+Q', click: () => actions.quit() },
      ],
    },
    {
      label: '编辑(&E)',
      submenu: [
        { role: 'undo', label: '撤销' },
        { role: 'redo', label: '重做' },
        { type: 'separator' },
        { role: 'cut', label: '剪切' },
        { role: 'copy', label: '复制' },
        { role: 'paste', label: '粘贴' },
        { role: 'delete', label: '删除' },
        { type: 'separator' },
        { role: 'selectAll', label: '全选' },
      ],
    },
    {
      label: '视图(&V)',
      submenu: [
        { role: 'reload', label: '重新载入' },
        { type: 'separator' },
        { role: 'resetZoom', label: '实际大小' },
        { role: 'zoomIn', label: '放大' },
        { role: 'zoomOut', label: '缩小' },
        { type: 'separator' },
        { role: 'togglefullscreen', label: '全屏' },
        ...(actions.developerTools ? ([{ type: 'separator' }, { role: 'toggleDevTools', label: '开发者工具' }] as MenuItemConstructorOptions[]) : []),
      ],
    },
    {
      label: '帮助(&H)',
      submenu: [{ label: '关于暖警台账', click: () => actions.showAbout() }],
    },
  ];
  return Menu.buildFromTemplate(template);
}
