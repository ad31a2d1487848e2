import type { Catalogue } from '../i18n.js';

/**
 * The public reporter pages (report form, follow-up by receipt). What they say about
 * what is stored was checked against the server: src/protect/ (pseudonyms, sealing,
 * receipts, rate limits by hashed network prefix), the request log (route, status,
 * time: src/server/app.ts) and the geocoder (src/normalize/geocoder.ts).
 */
export const publicPages: Catalogue = {
  en: {
    product: 'tipwire',
    'nav.report': 'Make a report',
    'nav.follow': 'Follow up a report',
    loading: 'Loading…',
    'error.unavailable': 'The service did not answer. Try again later. ({{message}})',

    'report.title': 'Report something',
    'report.intro':
      'Tell us what you saw or heard. Only the description is required; every other detail helps us act on it.',
    'follow.title': 'Follow up your report',

    'privacy.title': 'What is kept about you',
    'privacy.noIdentity':
      'This form does not ask for your name, phone number or e-mail address. Leave out of your description anything that would identify you, unless you want to be identified.',
    'privacy.ip':
      'Your IP address is not stored. To stop floods of reports, the server counts requests per network (for example the first three parts of an IPv4 address) under a code made with a key it holds only in memory; none of it is written to disk. Its request log records the path, the answer and the time taken, not your address. A proxy or network between you and this service may keep logs of its own.',
    'privacy.text':
      'Your description, who or what was involved, your files and their names, and later messages are stored encrypted. The staff who work the cases can read them.',
    'privacy.claims':
      'When and where it happened, how you know and the kind of incident are stored unencrypted, so that the report can be placed on a map and a timeline; so is the time your report arrived.',
    'privacy.files':
      'Files are kept encrypted exactly as you send them, with any hidden data in them: a photo often records the time and the place it was taken and the camera used. The server reads that data when your report arrives (the time, the GPS position, the camera make and model and the editing software, never serial numbers) and keeps it unencrypted beside the file, so that staff can check the photo against what you describe. Remove it first if it could identify you.',
    'privacy.geocoder':
      'If this service is set up to look addresses up with an outside map service, the place you type is sent to it, with nothing else from your report.',
    'privacy.receipt':
      'You get a receipt code. Only a hash of its secret part is stored, so nobody can show it to you again: keep it. Anyone who has the code can read the questions about your report and add to it.',
    'privacy.browser':
      'These pages keep only your language choice in this browser (not your receipt code), send no sign-in cookie with your report or your replies, and load nothing from other websites.',
    'privacy.retention':
      'Closed cases are deleted for good after a retention period set by the people who run this service.',

    'field.narrative': 'What happened?',
    'field.narrative.hint': 'In your own words: what you saw or heard, step by step.',
    'field.narrative.count': '{{count}} of at most {{max}} characters',
    'field.narrative.over': '{{count}} characters: {{over}} over the limit of {{max}}',
    'field.when': 'When did it happen?',
    'field.when.hint':
      'As you would say it (“yesterday at about 10 pm”), or pick a date and time below.',
    'field.when.pick': 'Pick a date and time',
    'field.where': 'Where did it happen?',
    'field.where.hint':
      'A street, landmark or place name, or coordinates such as 34.2610, 108.9420.',
    'field.category': 'What kind of incident is it?',
    'field.category.none': '— choose —',
    'field.category.other': 'Something else (describe it)',
    'field.category.otherText': 'Kind of incident, in a few words',
    'field.subjects': 'Who or what was involved?',
    'field.subjects.hint': 'People, vehicles, objects: how many, what they looked like.',
    'field.howKnown': 'How do you know?',
    'field.howKnown.none': '— choose —',
    'field.files': 'Photos, videos or documents',
    'field.files.hint': 'Up to {{count}} files, each at most {{each}}, together at most {{size}}.',
    'files.remove': 'Remove {{name}}',
    'files.tooLarge':
      '{{name}} ({{fileSize}}) is too large: files together may be at most {{size}}.',
    'files.fileTooLarge':
      '{{name}} ({{fileSize}}) is too large: each file may be at most {{size}}.',
    'files.tooMany': 'At most {{count}} files.',
    'files.unreadable': '{{name}} could not be read.',
    submit: 'Send report',
    sending: 'Sending…',

    'error.fix': 'The report was not sent. Please check the fields marked below.',
    'error.bodyTooLarge':
      'The report with its files is too large to send: files together may be at most {{size}}.',
    'error.rateLimited': 'Too many reports from your network just now. Try again in {{seconds}} s.',
    'error.send': 'The report could not be sent: {{message}}',

    'done.title': 'Your report is stored',
    'done.receipt': 'Your receipt code',
    'done.keep':
      'Write it down or copy it now. It is shown only this once, and it is the only way back to your report.',
    'done.follow':
      'To see its status, answer questions or add information, open <link>{{address}}</link> and enter the code.',
    'done.copy': 'Copy the code',
    'done.copied': 'Copied',
    'done.another': 'Make another report',

    'follow.code': 'Receipt code',
    'follow.code.hint':
      'The code you were given when you reported, like 7KQ3-M9XD-…; case, spaces and dashes do not matter.',
    'follow.open': 'Open',
    'follow.opening': 'Opening…',
    'follow.notFound': 'No report has this code. Check it and try again.',
    'follow.rateLimited': 'Too many tries from your network. Try again in {{seconds}} s.',
    'follow.error': 'The report could not be opened: {{message}}',
    'follow.status': 'Status',
    'follow.receivedAt': 'Received',
    'status.received': 'Received, not yet looked at',
    'status.in_review': 'Being looked at',
    'status.closed': 'Closed',
    'follow.questions': 'Questions and messages',
    'follow.noQuestions': 'No questions for you yet. Come back later.',
    'follow.questionCount': 'Questions for you: {{count}}',
    'follow.fromStaff': 'Question from the staff',
    'follow.fromYou': 'You',
    'follow.reply': 'Your answer, or more information',
    'follow.reply.count': '{{count}} of at most {{max}} characters',
    'follow.send': 'Send',
    'follow.sending': 'Sending…',
    'follow.sent': 'Sent. Thank you.',
    'follow.refresh': 'Refresh',
    'follow.forget': 'Close and forget the code',
  },
  zh: {
    product: 'tipwire',
    'nav.report': '提交报告',
    'nav.follow': '跟进报告',
    loading: '加载中…',
    'error.unavailable': '服务没有响应，请稍后再试。（{{message}}）',

    'report.title': '报告情况',
    'report.intro':
      '请告诉我们您看到或听到的情况。只有情况描述是必填的；其他细节都有助于我们处理。',
    'follow.title': '跟进您的报告',

    'privacy.title': '关于您，我们保存什么',
    'privacy.noIdentity':
      '本表格不询问您的姓名、电话号码或电子邮件地址。除非您愿意被识别，请不要在描述中写入能识别您身份的信息。',
    'privacy.ip':
      '不保存您的 IP 地址。为防止大量涌入的报告，服务器按网络（例如 IPv4 地址的前三段）计数请求，计数用的代码由只保存在内存中的密钥生成，不写入磁盘。请求日志只记录路径、结果和耗时，不记录您的地址。您与本服务之间的代理或网络可能有自己的日志。',
    'privacy.text':
      '您的描述、涉及的人或物、您的文件及文件名以及之后的消息都加密保存。处理案件的工作人员可以阅读。',
    'privacy.claims':
      '发生的时间和地点、您如何得知以及事件类型不加密保存，以便在地图和时间线上定位报告；报告到达的时间也同样保存。',
    'privacy.files':
      '文件按您发送的原样加密保存，包括其中的隐藏数据：照片常常记录拍摄的时间、地点和所用相机。报告送达时，服务器会读取这些数据（拍摄时间、GPS 位置、相机品牌和型号以及编辑软件，但绝不读取序列号），并以不加密的形式与文件一并保存，以便工作人员将照片与您的描述相核对。如果这些信息可能暴露您的身份，请先删除。',
    'privacy.geocoder':
      '如果本服务设置了借助外部地图服务查找地址，您填写的地点会发送给该服务，但不会附带报告中的其他内容。',
    'privacy.receipt':
      '您会得到一个回执码。服务器只保存其秘密部分的哈希值，因此没有人能再次向您显示它：请妥善保管。任何持有该回执码的人都可以阅读关于您报告的问题并补充信息。',
    'privacy.browser':
      '这些页面只在本浏览器中保存您选择的语言（不保存回执码），提交报告或回复时不发送登录 Cookie，也不从其他网站加载任何内容。',
    'privacy.retention': '已结案的案件在本服务运营者设定的保留期满后被永久删除。',

    'field.narrative': '发生了什么？',
    'field.narrative.hint': '请用您自己的话，按顺序说明您看到或听到的情况。',
    'field.narrative.count': '{{count}} 字符，最多 {{max}}',
    'field.narrative.over': '{{count}} 字符：超出上限 {{max}} 共 {{over}}',
    'field.when': '什么时候发生的？',
    'field.when.hint': '按您平时的说法填写（“昨天晚上十点左右”），或在下面选择日期和时间。',
    'field.when.pick': '选择日期和时间',
    'field.where': '在哪里发生的？',
    'field.where.hint': '街道、地标或地名，或坐标，例如 34.2610, 108.9420。',
    'field.category': '这是什么类型的事件？',
    'field.category.none': '— 请选择 —',
    'field.category.other': '其他（请描述）',
    'field.category.otherText': '事件类型，简单几个字',
    'field.subjects': '涉及什么人或什么东西？',
    'field.subjects.hint': '人、车辆、物品：有几个，长什么样。',
    'field.howKnown': '您是怎么知道的？',
    'field.howKnown.none': '— 请选择 —',
    'field.files': '照片、视频或文件',
    'field.files.hint': '最多 {{count}} 个文件，每个不超过 {{each}}，合计不超过 {{size}}。',
    'files.remove': '移除 {{name}}',
    'files.tooLarge': '{{name}}（{{fileSize}}）太大：所有文件合计不能超过 {{size}}。',
    'files.fileTooLarge': '{{name}}（{{fileSize}}）太大：每个文件不能超过 {{size}}。',
    'files.tooMany': '最多 {{count}} 个文件。',
    'files.unreadable': '无法读取 {{name}}。',
    submit: '提交报告',
    sending: '正在发送…',

    'error.fix': '报告未发送。请检查下面标出的字段。',
    'error.bodyTooLarge': '报告连同文件太大，无法发送：所有文件合计不能超过 {{size}}。',
    'error.rateLimited': '您所在网络刚才提交的报告太多。请 {{seconds}} 秒后再试。',
    'error.send': '报告无法发送：{{message}}',

    'done.title': '您的报告已保存',
    'done.receipt': '您的回执码',
    'done.keep': '请现在记下或复制。它只显示这一次，也是回到您报告的唯一途径。',
    'done.follow':
      '要查看处理状态、回答问题或补充信息，请打开 <link>{{address}}</link> 并输入回执码。',
    'done.copy': '复制回执码',
    'done.copied': '已复制',
    'done.another': '再提交一份报告',

    'follow.code': '回执码',
    'follow.code.hint':
      '您提交报告时得到的代码，例如 7KQ3-M9XD-…；大小写、空格和连字符都无关紧要。',
    'follow.open': '打开',
    'follow.opening': '正在打开…',
    'follow.notFound': '没有报告使用这个回执码。请检查后重试。',
    'follow.rateLimited': '您所在网络尝试次数太多。请 {{seconds}} 秒后再试。',
    'follow.error': '无法打开报告：{{message}}',
    'follow.status': '状态',
    'follow.receivedAt': '收到时间',
    'status.received': '已收到，尚未处理',
    'status.in_review': '正在处理',
    'status.closed': '已结案',
    'follow.questions': '问题和消息',
    'follow.noQuestions': '暂时没有需要您回答的问题。请稍后再来查看。',
    'follow.questionCount': '给您的问题：{{count}}',
    'follow.fromStaff': '工作人员的问题',
    'follow.fromYou': '您',
    'follow.reply': '您的回答或补充信息',
    'follow.reply.count': '{{count}} 字符，最多 {{max}}',
    'follow.send': '发送',
    'follow.sending': '正在发送…',
    'follow.sent': '已发送。谢谢。',
    'follow.refresh': '刷新',
    'follow.forget': '关闭并忘记回执码',
  },
};
