/**
 * Words that are also the names of some small place but in a tip are almost
 * always ordinary words ("north gate", "the bridge", "北门"): a single one of them
 * never resolves to a place on its own. Normalized as the gazetteer index is
 * (lower case, no accents).
 */
export const PLACE_STOPWORDS: readonly string[] = [
  // English
  'a', 'about', 'above', 'across', 'after', 'airport', 'along', 'and', 'area', 'around', 'at',
  'avenue', 'bank', 'bay', 'beach', 'behind', 'bell', 'below', 'beside', 'between', 'big', 'black',
  'block', 'blue', 'bridge', 'building', 'by', 'camp', 'canal', 'car', 'castle', 'center',
  'central', 'centre', 'church', 'city', 'clinic', 'college', 'corner', 'county', 'court', 'cross',
  'district', 'down', 'drum', 'east', 'exit', 'factory', 'fair', 'farm', 'field', 'fort', 'from',
  'garden', 'gate', 'golden', 'green', 'grove', 'hall', 'harbor', 'harbour', 'heights', 'here',
  'high', 'highway', 'hill', 'home', 'hospital', 'hotel', 'house', 'in', 'inside', 'island',
  'junction', 'lake', 'lane', 'little', 'long', 'lower', 'main', 'mall', 'market', 'middle', 'mill',
  'mount', 'near', 'new', 'next', 'north', 'of', 'office', 'old', 'on', 'opposite', 'outside',
  'over', 'palace', 'park', 'plaza', 'point', 'police', 'port', 'post', 'province', 'railway',
  'red', 'river', 'road', 'rock', 'school', 'shop', 'side', 'south', 'spring', 'square', 'state',
  'station', 'store', 'street', 'temple', 'the', 'to', 'tower', 'town', 'under', 'union',
  'university', 'up', 'upper', 'valley', 'village', 'view', 'wall', 'way', 'west', 'white', 'with',
  'wood', 'yard', 'zone',
  // 中文: directions, gates, landmarks and "near" words that are also village names
  '北门', '南门', '东门', '西门', '大门', '正门', '后门', '门口', '大桥', '桥头', '公园', '广场',
  '学校', '医院', '车站', '附近', '旁边', '对面', '路口', '十字', '中心', '市场', '大学', '小区',
  '东边', '西边', '南边', '北边', '东面', '西面', '南面', '北面', '前面', '后面', '里面', '外面',
  '中间', '上面', '下面', '河边', '山上', '山下', '村口', '街上', '城里', '城外', '市区', '郊区',
  '工厂', '机场', '码头', '商场', '银行', '酒店', '宾馆', '饭店', '超市', '加油站', '派出所',
];
