import type { Catalogue } from '../i18n.js';

/**
 * What the pieces in common/ say, wherever they are shown: the language switch, the
 * report form's fields (reporter pages and call-taker), and the case forms the queue's
 * case panel and the incident view share. The reporter pages load this namespace too.
 */
export const common: Catalogue = {
  en: {
    language: 'Language',
    'field.optional': '(optional)',
    'issue.required': 'This is required.',
    'issue.tooLong': 'Too long: at most {{max}} characters.',

    reason: 'Reason',
    needReason: 'Give a reason: it is kept on the audit trail.',
    saving: 'Saving…',
    'status.heading': 'Change status',
    'status.new': 'New status',
    'status.submit': 'Change status',
    'status.same': 'The case is already {{status}}: choose another status.',
    'status.done': 'Status changed to {{status}}.',
    'office.label': 'Office',
    'office.none': 'no office',
    'office.same': 'It is there already.',
    'office.done': 'Routed to {{office}}.',
    'office.doneNone': 'No office has it now.',
    'question.heading': 'Ask the reporter',
    'question.label': 'Question to the reporter',
    'question.hint': 'The reporter sees it when they look up their receipt.',
    'question.submit': 'Send question',
    'question.empty': 'Write the question first.',
    'question.sending': 'Sending…',
    'question.done': 'Question sent.',
    'action.forbidden': 'Your role may not do this (403 Forbidden).',
    'action.gone': 'This is no longer visible to you (404 Not Found).',
    'action.failed': 'Could not do it: {{message}}',
  },
  zh: {
    language: '语言',
    'field.optional': '（可选）',
    'issue.required': '此项必填。',
    'issue.tooLong': '太长：最多 {{max}} 个字符。',

    reason: '原因',
    needReason: '请填写原因：它将记入审计记录。',
    saving: '正在保存…',
    'status.heading': '更改状态',
    'status.new': '新状态',
    'status.submit': '更改状态',
    'status.same': '案件已是“{{status}}”：请选择其他状态。',
    'status.done': '状态已改为“{{status}}”。',
    'office.label': '单位',
    'office.none': '不分派',
    'office.same': '已在该单位。',
    'office.done': '已分派给 {{office}}。',
    'office.doneNone': '现已不归任何单位。',
    'question.heading': '向举报人提问',
    'question.label': '给举报人的问题',
    'question.hint': '举报人凭回执查询时可以看到。',
    'question.submit': '发送问题',
    'question.empty': '请先填写问题。',
    'question.sending': '正在发送…',
    'question.done': '问题已发送。',
    'action.forbidden': '您的角色无权执行此操作（403 禁止访问）。',
    'action.gone': '您已无权查看此项（404 未找到）。',
    'action.failed': '操作失败：{{message}}',
  },
};
