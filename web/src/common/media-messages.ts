import type { Catalogue } from '../i18n.js';

/**
 * What an attachment's evidence says (MediaFacts.tsx, media-facts.ts), in the queue's
 * case panel and the incident view alike: the type its bytes say, its size, the
 * camera's metadata, why it was refused, and its two downloads. The workbench only:
 * the reporter pages never load this namespace.
 */
export const media: Catalogue = {
  en: {
    heading: 'Attachments',
    'download.copy': 'download (identifying metadata removed)',
    'download.original': 'original (with metadata)',
    'download.asReceived': 'download (as received: no copy without metadata for this file)',
    'download.originalHint':
      'The file as the reporter sent it: its camera metadata (place, device) included.',
    hiddenName: 'its name holds hidden characters, shown as <U+…>',
    declared: 'declared {{type}}, {{size}}',

    'term.type': 'Type by its bytes',
    'term.size': 'Pixel size',
    'term.refused': 'Refused',
    'term.taken': 'Taken',
    'term.gpsTime': 'GPS clock',
    'term.gps': 'GPS position',
    'term.device': 'Device',
    'term.software': 'Software',
    'term.modified': 'Modified (as written)',
    'term.edits': 'Traces of editing',
    'term.camera': 'Camera metadata',
    'term.findings': 'Findings on this file',
    findingOn: '(on {{file}}: see Attachments)',
    'reused.text': 'text near-identical to report {{report}} (similarity {{similarity}})',
    'reused.more': 'and {{count}} more earlier reports',

    'type.unknown': 'not a type tipwire knows',
    'type.differs': 'differs from the declared type {{declared}}',
    pixels: '{{width}} × {{height}} px',
    'camera.none': 'none in the file',

    'taken.camera': 'camera’s clock: {{reading}}, {{offset}} ({{source}})',
    'taken.cameraOnly': 'camera’s clock: {{reading}}, zone unknown',
    'offsetSource.offset-tag': 'camera offset tag',
    'offsetSource.gps-time': 'from GPS time',
    'offsetSource.gps-zone': 'zone of GPS position',
    'gps.accuracy': '± {{distance}}',
    'gps.zone': 'zone there: {{zone}} ({{offset}})',

    'edit.software': 'a Software tag',
    'edit.modified_after_capture': 'modified after capture',
    'edit.thumbnail_differs': 'embedded thumbnail unlike the image',
    'edit.separator': '; ',

    'refused.too_large': 'refused: {{size}}, larger than intake reads',
    'refused.too_many_pixels': 'refused: declares {{pixels}} pixels',
    'refused.too_many_pixelsUnknown': 'refused: declares more pixels than intake reads',
    'refused.type_mismatch': 'refused: its bytes are {{detected}}, declared {{declared}}',
    'refused.unreadable': 'refused: its structure is broken (truncated or corrupt)',
    'refused.active_content': 'refused: it can carry script ({{detected}}), never shown',
    'refused.other': 'refused ({{reason}})',
    'refused.note': 'Not read further; kept sealed as received. No preview.',
  },
  zh: {
    heading: '附件',
    'download.copy': '下载（已去除可识别身份的元数据）',
    'download.original': '原件（含元数据）',
    'download.asReceived': '下载（原样：此文件没有去除元数据的副本）',
    'download.originalHint': '举报人发送的原始文件，含相机元数据（地点、设备）。',
    hiddenName: '文件名含隐藏字符，以 <U+…> 显示',
    declared: '声明类型 {{type}}，{{size}}',

    'term.type': '按字节判断的类型',
    'term.size': '像素尺寸',
    'term.refused': '已拒收',
    'term.taken': '拍摄时间',
    'term.gpsTime': 'GPS 时钟',
    'term.gps': 'GPS 位置',
    'term.device': '设备',
    'term.software': '软件',
    'term.modified': '修改时间（按文件所写）',
    'term.edits': '编辑痕迹',
    'term.camera': '相机元数据',
    'term.findings': '关于此文件的发现',
    findingOn: '（涉及 {{file}}：见“附件”）',
    'reused.text': '文字与举报 {{report}} 几乎相同（相似度 {{similarity}}）',
    'reused.more': '另有 {{count}} 份较早的举报',

    'type.unknown': 'tipwire 无法识别的类型',
    'type.differs': '与声明类型 {{declared}} 不符',
    pixels: '{{width}} × {{height}} 像素',
    'camera.none': '文件中没有',

    'taken.camera': '相机时钟：{{reading}}，{{offset}}（{{source}}）',
    'taken.cameraOnly': '相机时钟：{{reading}}，时区未知',
    'offsetSource.offset-tag': '相机时差标签',
    'offsetSource.gps-time': '据 GPS 时间推算',
    'offsetSource.gps-zone': 'GPS 位置所在时区',
    'gps.accuracy': '± {{distance}}',
    'gps.zone': '当地时区：{{zone}}（{{offset}}）',

    'edit.software': '含 Software 标签',
    'edit.modified_after_capture': '拍摄后被修改过',
    'edit.thumbnail_differs': '内嵌缩略图与图像不符',
    'edit.separator': '；',

    'refused.too_large': '已拒收：{{size}}，超过接收上限',
    'refused.too_many_pixels': '已拒收：声明有 {{pixels}} 像素',
    'refused.too_many_pixelsUnknown': '已拒收：声明的像素数超过接收上限',
    'refused.type_mismatch': '已拒收：按字节判断为 {{detected}}，声明为 {{declared}}',
    'refused.unreadable': '已拒收：文件结构损坏（截断或损坏）',
    'refused.active_content': '已拒收：可含脚本（{{detected}}），从不显示',
    'refused.other': '已拒收（{{reason}}）',
    'refused.note': '未作进一步读取；按收到时原样密封保存。不提供预览。',
  },
};
