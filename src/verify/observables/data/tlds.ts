/**
 * Top-level domains a domain observable may end in: the sanity check that keeps
 * "file.txt", "e.g" and "node.js" out. Not the whole root zone (about 1,450 names):
 * the legacy generic TLDs, the country codes in use, and the new generic ones most
 * often seen in reports, phishing and threat-intel feeds. A domain under a TLD missing
 * here is not extracted; add it here.
 *
 * Provenance: written for tipwire from IANA's root zone database (the delegated names,
 * as of 2026); observables.test.ts checks the country codes against the regions of
 * libphonenumber-js, a list nobody here wrote.
 */

const GENERIC = [
  'com', 'net', 'org', 'info', 'biz', 'name', 'pro', 'edu', 'gov', 'mil', 'int', 'arpa',
  'aero', 'asia', 'cat', 'coop', 'jobs', 'mobi', 'museum', 'post', 'tel', 'travel', 'xxx',
];

const COUNTRY_CODES = [
  'ac', 'ad', 'ae', 'af', 'ag', 'ai', 'al', 'am', 'ao', 'aq', 'ar', 'as', 'at', 'au', 'aw',
  'ax', 'az', 'ba', 'bb', 'bd', 'be', 'bf', 'bg', 'bh', 'bi', 'bj', 'bm', 'bn', 'bo', 'br',
  'bs', 'bt', 'bv', 'bw', 'by', 'bz', 'ca', 'cc', 'cd', 'cf', 'cg', 'ch', 'ci', 'ck', 'cl',
  'cm', 'cn', 'co', 'cr', 'cu', 'cv', 'cw', 'cx', 'cy', 'cz', 'de', 'dj', 'dk', 'dm', 'do',
  'dz', 'ec', 'ee', 'eg', 'er', 'es', 'et', 'eu', 'fi', 'fj', 'fk', 'fm', 'fo', 'fr', 'ga',
  'gb', 'gd', 'ge', 'gf', 'gg', 'gh', 'gi', 'gl', 'gm', 'gn', 'gp', 'gq', 'gr', 'gs', 'gt',
  'gu', 'gw', 'gy', 'hk', 'hm', 'hn', 'hr', 'ht', 'hu', 'id', 'ie', 'il', 'im', 'in', 'io',
  'iq', 'ir', 'is', 'it', 'je', 'jm', 'jo', 'jp', 'ke', 'kg', 'kh', 'ki', 'km', 'kn', 'kp',
  'kr', 'kw', 'ky', 'kz', 'la', 'lb', 'lc', 'li', 'lk', 'lr', 'ls', 'lt', 'lu', 'lv', 'ly',
  'ma', 'mc', 'md', 'me', 'mg', 'mh', 'mk', 'ml', 'mm', 'mn', 'mo', 'mp', 'mq', 'mr', 'ms',
  'mt', 'mu', 'mv', 'mw', 'mx', 'my', 'mz', 'na', 'nc', 'ne', 'nf', 'ng', 'ni', 'nl', 'no',
  'np', 'nr', 'nu', 'nz', 'om', 'pa', 'pe', 'pf', 'pg', 'ph', 'pk', 'pl', 'pm', 'pn', 'pr',
  'ps', 'pt', 'pw', 'py', 'qa', 're', 'ro', 'rs', 'ru', 'rw', 'sa', 'sb', 'sc', 'sd', 'se',
  'sg', 'sh', 'si', 'sj', 'sk', 'sl', 'sm', 'sn', 'so', 'sr', 'ss', 'st', 'su', 'sv', 'sx',
  'sy', 'sz', 'tc', 'td', 'tf', 'tg', 'th', 'tj', 'tk', 'tl', 'tm', 'tn', 'to', 'tr', 'tt',
  'tv', 'tw', 'tz', 'ua', 'ug', 'uk', 'us', 'uy', 'uz', 'va', 'vc', 've', 'vg', 'vi', 'vn',
  'vu', 'wf', 'ws', 'ye', 'yt', 'za', 'zm', 'zw',
];

/** New generic TLDs often seen in tips and feeds (IANA delegated them; many are cheap). */
const NEW_GENERIC = [
  'app', 'art', 'bar', 'best', 'bid', 'blog', 'buzz', 'cam', 'cfd', 'click', 'cloud', 'club',
  'company', 'cyou', 'date', 'dev', 'digital', 'download', 'email', 'fun', 'gdn',
  'global', 'group', 'guru', 'host', 'icu', 'life', 'link', 'live', 'loan', 'ltd', 'media',
  'men', 'mov', 'network', 'news', 'one', 'online', 'page', 'party', 'pw', 'quest', 'review',
  'rest', 'run', 'sbs', 'services', 'shop', 'site', 'space', 'store', 'stream', 'support',
  'tech', 'today', 'top', 'trade', 'uno', 'vip', 'website', 'win', 'work', 'world', 'wtf',
  'xin', 'xyz', 'zip',
  // Chinese-language TLDs, in their ASCII (punycode) form: 中国 中國 公司 网络 在线 中文网 移动
  'xn--fiqs8s', 'xn--fiqz9s', 'xn--55qx5d', 'xn--io0a7i', 'xn--3ds443g', 'xn--fiq228c5hs',
  'xn--6frz82g',
];

export const TLDS: ReadonlySet<string> = new Set([...GENERIC, ...COUNTRY_CODES, ...NEW_GENERIC]);

/**
 * TLDs that are also common file extensions: a bare "name.tld" in one of these is far
 * more often a file (setup.py, run.sh, README.md, invoice.zip) than a domain, so it is
 * taken only in a URL or an e-mail address, or with more labels (www.x.sh).
 */
export const FILE_LIKE_TLDS: ReadonlySet<string> = new Set([
  'py', 'sh', 'pl', 'rs', 'md', 'so', 'cc', 'pm', 'ps', 'zip', 'mov',
]);
