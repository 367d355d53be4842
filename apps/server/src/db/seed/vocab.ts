/** Realistic vocabularies for demo and test data: Chinese regions, industries, names. */
export const REGIONS = [
  '北京',
  '上海',
  '广东·广州',
  '广东·深圳',
  '浙江·杭州',
  '江苏·南京',
  '江苏·苏州',
  '四川·成都',
  '湖北·武汉',
  '陕西·西安',
  '山东·济南',
  '山东·青岛',
  '福建·厦门',
  '湖南·长沙',
  '重庆',
  '天津',
  '河南·郑州',
  '辽宁·沈阳',
] as const;
export const INDUSTRIES = [
  '制造业',
  '零售',
  '金融',
  '医疗健康',
  '教育',
  '物流',
  '互联网',
  '能源',
  '餐饮',
  '房地产',
  '汽车',
  '农业',
] as const;
export const SOURCES = ['展会', '官网', '转介绍', '电话营销', '广告', '合作伙伴', '老客户推荐'] as const;
export const SIZES = ['1-49', '50-199', '200-999', '1000+'] as const;
export const TAGS = [
  '重点客户',
  '价格敏感',
  '需要发票',
  '长期合作',
  'VIP',
  '新品试用',
  '海外业务',
  '决策慢',
] as const;
const COMPANY_WORDS = [
  '明远',
  '华信',
  '瑞丰',
  '鼎盛',
  '恒通',
  '金诚',
  '博雅',
  '天成',
  '远航',
  '新锐',
  '海纳',
  '启明',
  '宏达',
  '嘉禾',
  '众合',
  '长青',
  '卓越',
  '云帆',
  '正泰',
  '安和',
];
const COMPANY_KINDS = [
  '科技',
  '贸易',
  '实业',
  '制造',
  '物流',
  '医疗器械',
  '电子',
  '食品',
  '教育咨询',
  '建材',
];
const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '林',
  '罗',
  '高',
];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '磊',
  '洋',
  '勇',
  '艳',
  '杰',
  '军',
  '涛',
  '明',
  '超',
  '秀英',
  '建华',
  '晓东',
  '雪梅',
  '志强',
  '海燕',
];
const EN_FIRST = [
  'James',
  'Emma',
  'Oliver',
  'Sophia',
  'Liam',
  'Mia',
  'Lucas',
  'Grace',
  'Henry',
  'Chloe',
  'David',
  'Anna',
];
const EN_LAST = [
  'Smith',
  'Chen',
  'Brown',
  'Wang',
  'Taylor',
  'Li',
  'Wilson',
  'Zhang',
  'Clark',
  'Lee',
  'Walker',
  'Hall',
];
const EN_COMPANY = [
  'Northwind',
  'Bluepeak',
  'Evergreen',
  'Silverline',
  'Brightpath',
  'Harbor',
  'Summit',
  'Keystone',
];
const EN_KIND = ['Trading Co.', 'Industries Ltd.', 'Logistics', 'Medical', 'Foods Ltd.', 'Electronics'];
export const POSITIONS = [
  '总经理',
  '采购经理',
  '财务总监',
  '技术负责人',
  '行政主管',
  'Purchasing Manager',
  'CEO',
] as const;
export const PRODUCTS = [
  '标准版软件',
  '专业版软件',
  '年度维保',
  '实施服务',
  '培训课程',
  '硬件终端',
  '耗材',
] as const;

export type Pick = <T>(items: readonly T[]) => T;

export const chineseName = (pick: Pick) => pick(SURNAMES) + pick(GIVEN);
export const englishName = (pick: Pick) => `${pick(EN_FIRST)} ${pick(EN_LAST)}`;
export const companyName = (pick: Pick, region: string, english: boolean) =>
  english
    ? `${pick(EN_COMPANY)} ${pick(EN_KIND)}`
    : `${region.split('·').pop()}${pick(COMPANY_WORDS)}${pick(COMPANY_KINDS)}有限公司`;
export const PINYIN = ['wang', 'li', 'zhang', 'liu', 'chen', 'yang', 'huang', 'zhao', 'wu', 'zhou'] as const;
