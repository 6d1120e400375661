/**
 * The app's own strings, Chinese first; English is a switch. Every string a
 * screen shows comes from here (server messages excepted: they arrive in
 * Chinese and are shown as they are). A screen adds its keys to `zh`; the
 * type then requires the same keys in `en`.
 */
import { createContext, useContext } from 'react';

const zh = {
  'app.name': '落实',
  'app.subtitle': '政府工作报告任务督查',
  'app.locale.switch': 'English',
  'app.signOut': '退出登录',
  'app.notifications': '未读通知',
  'app.notifications.none': '没有未读通知',
  'app.notifications.more': '另有 {n} 条未读',

  'menu.dashboard': '驾驶舱',
  'menu.ledger': '任务台账',

  'state.loading': '正在加载…',
  'state.error': '加载失败',
  'state.retry': '重试',
  'state.empty': '暂无数据',
  'state.noPlan': '尚未导入任务分解通知',
  'state.noPlan.hint': '督查室导入任务分解通知后，这里会显示任务台账。',
  'state.forbidden': '没有权限查看此页面',
  'state.notFound': '页面不存在',
  'state.notFound.hint': '地址有误，或该页面已被移除。',
  'state.backHome': '返回首页',
  'state.crashed': '页面出错了',
  'state.crashed.hint': '请刷新页面后重试；如果问题仍然存在，请联系系统管理员。',

  'light.green': '绿灯',
  'light.yellow': '黄灯',
  'light.red': '红灯',
  'light.none': '暂无数据',

  'login.title': '登录',
  'login.username': '用户名',
  'login.password': '密码',
  'login.submit': '登录',
  'login.required.username': '请输入用户名',
  'login.required.password': '请输入密码',
  'login.locked.explain': '为保护账号安全，连续多次输错密码后账号会被临时锁定。请到时间后再试，或请安全管理员解锁。',
  'login.change.title': '请修改密码',
  'login.change.explain': '这是您首次登录，或者您的密码已被管理员重置。为保证账号安全，请先设置新密码，修改后才能使用系统。',
  'login.change.current': '当前密码',
  'login.change.new': '新密码',
  'login.change.confirm': '再次输入新密码',
  'login.change.mismatch': '两次输入的新密码不一致',
  'login.change.rule': '密码应足够长并混合字母、数字和符号，不能包含用户名。',
  'login.change.submit': '修改密码并进入系统',

  'dashboard.title': '驾驶舱',
  'dashboard.total': '任务总数',
  'dashboard.timeProgress': '时序进度',
  'dashboard.asOf': '截至 {date}',
  'dashboard.lights': '红黄绿灯',
  'dashboard.bySection': '各部分任务灯况',
  'dashboard.lagging': '滞后任务',
  'dashboard.lagging.none': '目前没有黄灯或红灯任务',
  'dashboard.overdue': '逾期未报',
  'dashboard.behind': '落后 {n} 个百分点',

  'ledger.title': '任务台账',
  'ledger.count': '共 {n} 项任务',
  'ledger.shown': '显示 {shown} / {total} 项',
  'ledger.key': '编号',
  'ledger.text': '任务',
  'ledger.leaders': '牵头领导',
  'ledger.hostUnits': '主办单位',
  'ledger.coUnits': '协办单位',
  'ledger.light': '灯况',
  'ledger.deadline': '完成时限',
  'ledger.filter.section': '部分',
  'ledger.filter.leader': '牵头领导',
  'ledger.filter.unit': '责任单位',
  'ledger.filter.light': '灯况',
  'ledger.filter.clear': '清除筛选',
  'ledger.noMatch': '没有符合筛选条件的任务',

  'task.title': '任务 {key}',
  'task.back': '返回台账',
  'task.section': '所属部分',
  'task.status': '状态',
  'task.status.active': '推进中',
  'task.status.completed': '已销号',
  'task.deadline': '完成时限',
  'task.text': '任务内容',
  'task.owners': '责任分工',
  'task.targets': '目标指标',
  'task.target.text': '目标',
  'task.target.value': '目标值',
  'task.target.actual': '最新完成值',
  'task.target.completion': '完成度',
  'task.target.expected': '应完成',
  'task.light': '当前灯况',
  'task.timeProgress': '时序进度',
  'task.milestones': '节点',
  'task.history': '历次调度灯况',
  'task.history.none': '尚无已结束的调度',
  'task.notFound': '任务不存在，或您无权查看',
  'task.none': '无',
} as const;

export type MessageKey = keyof typeof zh;
export type Locale = 'zh' | 'en';

const en: Record<MessageKey, string> = {
  'app.name': 'Luoshi',
  'app.subtitle': 'Work report supervision',
  'app.locale.switch': '中文',
  'app.signOut': 'Sign out',
  'app.notifications': 'Unread notifications',
  'app.notifications.none': 'No unread notifications',
  'app.notifications.more': '{n} more unread',

  'menu.dashboard': 'Dashboard',
  'menu.ledger': 'Ledger',

  'state.loading': 'Loading…',
  'state.error': 'Could not load',
  'state.retry': 'Retry',
  'state.empty': 'No data',
  'state.noPlan': 'No task decomposition notice imported yet',
  'state.noPlan.hint': 'The ledger appears here once the supervision office imports a notice.',
  'state.forbidden': 'You may not view this page',
  'state.notFound': 'Page not found',
  'state.notFound.hint': 'The address is wrong, or the page has been removed.',
  'state.backHome': 'Back to start',
  'state.crashed': 'Something went wrong',
  'state.crashed.hint': 'Reload the page and try again; if it persists, contact the system administrator.',

  'light.green': 'Green',
  'light.yellow': 'Yellow',
  'light.red': 'Red',
  'light.none': 'No data',

  'login.title': 'Sign in',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.required.username': 'Enter your username',
  'login.required.password': 'Enter your password',
  'login.locked.explain': 'After repeated wrong passwords the account is locked for a while. Try again later, or ask the security administrator to unlock it.',
  'login.change.title': 'Change your password',
  'login.change.explain': 'This is your first sign-in, or an administrator reset your password. Set a new password before using the system.',
  'login.change.current': 'Current password',
  'login.change.new': 'New password',
  'login.change.confirm': 'New password again',
  'login.change.mismatch': 'The two new passwords differ',
  'login.change.rule': 'Use a long password mixing letters, digits and symbols, without your username.',
  'login.change.submit': 'Change password and continue',

  'dashboard.title': 'Dashboard',
  'dashboard.total': 'Tasks',
  'dashboard.timeProgress': 'Time progress',
  'dashboard.asOf': 'As of {date}',
  'dashboard.lights': 'Status lights',
  'dashboard.bySection': 'Lights by section',
  'dashboard.lagging': 'Lagging tasks',
  'dashboard.lagging.none': 'No task is yellow or red',
  'dashboard.overdue': 'Report overdue',
  'dashboard.behind': '{n} points behind',

  'ledger.title': 'Task ledger',
  'ledger.count': '{n} tasks',
  'ledger.shown': '{shown} of {total} shown',
  'ledger.key': 'No.',
  'ledger.text': 'Task',
  'ledger.leaders': 'Lead leaders',
  'ledger.hostUnits': 'Host units',
  'ledger.coUnits': 'Co-units',
  'ledger.light': 'Light',
  'ledger.deadline': 'Deadline',
  'ledger.filter.section': 'Section',
  'ledger.filter.leader': 'Leader',
  'ledger.filter.unit': 'Unit',
  'ledger.filter.light': 'Light',
  'ledger.filter.clear': 'Clear filters',
  'ledger.noMatch': 'No task matches the filters',

  'task.title': 'Task {key}',
  'task.back': 'Back to the ledger',
  'task.section': 'Section',
  'task.status': 'Status',
  'task.status.active': 'In progress',
  'task.status.completed': 'Completed',
  'task.deadline': 'Deadline',
  'task.text': 'Task',
  'task.owners': 'Responsibility',
  'task.targets': 'Targets',
  'task.target.text': 'Target',
  'task.target.value': 'Target value',
  'task.target.actual': 'Latest actual',
  'task.target.completion': 'Completion',
  'task.target.expected': 'Expected',
  'task.light': 'Light now',
  'task.timeProgress': 'Time progress',
  'task.milestones': 'Milestones',
  'task.history': 'Lights at past rounds',
  'task.history.none': 'No round has closed yet',
  'task.notFound': 'The task does not exist, or you may not see it',
  'task.none': 'None',
};

export const MESSAGES: Record<Locale, Record<MessageKey, string>> = { zh, en };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** The message for `key` in `locale`, with `{name}` placeholders filled in. */
export function translate(locale: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  const text = MESSAGES[locale][key];
  return params ? text.replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole)) : text;
}

const STORAGE_KEY = 'luoshi.locale';

export function savedLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

export function saveLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
}

export interface I18n {
  locale: Locale;
  t: Translate;
  setLocale: (locale: Locale) => void;
}

export const I18nContext = createContext<I18n>({ locale: 'zh', t: (key, params) => translate('zh', key, params), setLocale: () => undefined });

export const useI18n = (): I18n => useContext(I18nContext);
export const useT = (): Translate => useContext(I18nContext).t;
