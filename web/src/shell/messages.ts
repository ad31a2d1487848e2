import type { Catalogue } from '../i18n.js';

/** The frame of the workbench: header, navigation, language switch, sign-in, loading and errors. */
export const shell: Catalogue = {
  en: {
    product: 'tipwire',
    'nav.queue': 'Queue',
    'nav.map': 'Map',
    'nav.call': 'Call-taker',
    loading: 'Loading…',
    'error.meta': 'The server did not send its code catalogue: {{message}}',
    'error.view': 'This view failed: {{message}}',
    'signIn.heading': 'Sign in',
    'signIn.name': 'Name',
    'signIn.password': 'Password',
    'signIn.submit': 'Sign in',
    'signIn.busy': 'Signing in…',
    'signIn.hint':
      'Analysts, supervisors and field offices sign in with the name and password an administrator gave them. API tokens are for scripts, not for this page.',
    'signIn.needName': 'Enter your name.',
    'signIn.needPassword': 'Enter your password.',
    'signIn.wrong': 'Wrong name or password (401 Unauthorized).',
    'signIn.forbidden':
      'This account ({{who}}, role: {{roles}}) may not use the workbench (403 Forbidden): it is for the {{allowed}} roles.',
    'signIn.rate': 'Too many sign-in attempts (429 Too Many Requests): try again in {{seconds}} s.',
    'signIn.rateUnknown':
      'Too many sign-in attempts (429 Too Many Requests): try again in a minute.',
    'signIn.ended':
      'Your session has ended (401 Unauthorized): it expired or was signed out. Sign in again.',
    'signIn.failed': 'Could not sign in: {{message}}',
    'signIn.signOutFailed':
      'Signed out on this page, but the server could not be told to end the session ({{message}}): it stays valid until it expires.',
    'who.label': 'Signed in as',
    'who.noRole': 'no role',
    'who.office': 'office {{office}}',
    signOut: 'Sign out',
  },
  zh: {
    product: 'tipwire',
    'nav.queue': '队列',
    'nav.map': '地图',
    'nav.call': '接线员',
    loading: '加载中…',
    'error.meta': '服务器未发送代码目录：{{message}}',
    'error.view': '此视图出错：{{message}}',
    'signIn.heading': '登录',
    'signIn.name': '用户名',
    'signIn.password': '密码',
    'signIn.submit': '登录',
    'signIn.busy': '正在登录…',
    'signIn.hint':
      '分析员、主管和基层单位人员使用管理员分配的用户名和密码登录。API 令牌供脚本使用，不能用于本页面。',
    'signIn.needName': '请输入用户名。',
    'signIn.needPassword': '请输入密码。',
    'signIn.wrong': '用户名或密码错误（401 未授权）。',
    'signIn.forbidden':
      '此账户（{{who}}，角色：{{roles}}）无权使用工作台（403 禁止访问）：工作台仅供{{allowed}}角色使用。',
    'signIn.rate': '登录尝试次数过多（429 请求过多）：请在 {{seconds}} 秒后重试。',
    'signIn.rateUnknown': '登录尝试次数过多（429 请求过多）：请一分钟后重试。',
    'signIn.ended': '会话已结束（401 未授权）：已过期或已在别处退出。请重新登录。',
    'signIn.failed': '无法登录：{{message}}',
    'signIn.signOutFailed':
      '已在本页面退出，但未能通知服务器结束会话（{{message}}）：该会话在过期前仍然有效。',
    'who.label': '当前用户',
    'who.noRole': '无角色',
    'who.office': '单位 {{office}}',
    signOut: '退出',
  },
};
