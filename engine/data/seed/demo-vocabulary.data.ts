/** Word lists the demo customers are drawn from (values use the same codes the engine's tests use). */

export const INDUSTRIES: readonly (readonly [string, number])[] = [
  ['manufacturing', 18], ['retail', 14], ['software', 12], ['finance', 10], ['logistics', 9],
  ['healthcare', 9], ['education', 8], ['automotive', 7], ['energy', 6], ['realEstate', 4],
];

/** Chinese and English words that make a company name sound like its industry */
export const INDUSTRY_WORDS: Readonly<Record<string, { zh: readonly string[]; en: readonly string[] }>> = {
  manufacturing: { zh: ['精密制造', '机械', '智能装备'], en: ['Precision', 'Machinery', 'Industrial'] },
  retail: { zh: ['商贸', '零售', '优选'], en: ['Retail', 'Trading', 'Mart'] },
  software: { zh: ['软件', '信息技术', '数智科技'], en: ['Software', 'Digital', 'Cloud'] },
  finance: { zh: ['金融服务', '资本', '融资租赁'], en: ['Capital', 'Finance', 'Wealth'] },
  logistics: { zh: ['物流', '供应链', '速运'], en: ['Logistics', 'Freight', 'Supply Chain'] },
  healthcare: { zh: ['医疗器械', '健康科技', '生物医药'], en: ['Health', 'Medical', 'Biotech'] },
  education: { zh: ['教育科技', '培训', '文化传播'], en: ['Learning', 'Education', 'Academy'] },
  automotive: { zh: ['汽车部件', '新能源汽车', '车联网'], en: ['Auto Parts', 'Motors', 'Mobility'] },
  energy: { zh: ['新能源', '光伏', '储能'], en: ['Energy', 'Solar', 'Power'] },
  realEstate: { zh: ['置业', '地产', '物业管理'], en: ['Properties', 'Realty', 'Estates'] },
};

export const PROVINCES: readonly (readonly [string, number])[] = [
  ['上海', 12], ['江苏', 11], ['浙江', 12], ['安徽', 5], ['广东', 15], ['福建', 7], ['广西', 3], ['海南', 2],
  ['北京', 9], ['四川', 6], ['湖北', 6], ['山东', 7], ['河南', 5],
];

export const CITIES: Readonly<Record<string, readonly string[]>> = {
  上海: ['上海'], 江苏: ['南京', '苏州', '无锡'], 浙江: ['杭州', '宁波', '温州'], 安徽: ['合肥', '芜湖'],
  广东: ['广州', '深圳', '东莞', '佛山'], 福建: ['福州', '厦门', '泉州'], 广西: ['南宁', '柳州'], 海南: ['海口', '三亚'],
  北京: ['北京'], 四川: ['成都', '绵阳'], 湖北: ['武汉', '宜昌'], 山东: ['济南', '青岛'], 河南: ['郑州', '洛阳'],
};

export const SIZES: readonly (readonly ['micro' | 'small' | 'medium' | 'large' | 'enterprise', number])[] = [
  ['micro', 15], ['small', 30], ['medium', 28], ['large', 17], ['enterprise', 10],
];

/** deal value range in CNY per size */
export const VALUE_BY_SIZE: Readonly<Record<string, readonly [number, number]>> = {
  micro: [5_000, 30_000], small: [20_000, 120_000], medium: [80_000, 450_000], large: [300_000, 1_500_000], enterprise: [1_000_000, 8_000_000],
};

export const SOURCES: readonly (readonly [string, number])[] = [
  ['website', 24], ['ads', 18], ['referral', 14], ['exhibition', 12], ['partner', 10], ['wechat', 12], ['coldCall', 10],
];

export const PRODUCT_LINES = ['erp', 'crm', 'cloud', 'analytics'] as const;

export const TAGS = ['高意向', '老客户', '展会线索', '招投标', '续约', '试用中', 'VIP', '价格敏感'] as const;

/** brand words: Chinese, and the romanised form used for e-mail domains */
export const BRANDS: readonly (readonly [string, string])[] = [
  ['云帆', 'yunfan'], ['华信', 'huaxin'], ['瑞达', 'ruida'], ['金桥', 'jinqiao'], ['远航', 'yuanhang'], ['鼎盛', 'dingsheng'],
  ['博远', 'boyuan'], ['恒通', 'hengtong'], ['启明', 'qiming'], ['天成', 'tiancheng'], ['海润', 'hairun'], ['星辰', 'xingchen'],
  ['中科', 'zhongke'], ['东方', 'dongfang'], ['新锐', 'xinrui'], ['万象', 'wanxiang'], ['嘉禾', 'jiahe'], ['卓越', 'zhuoyue'],
  ['腾跃', 'tengyue'], ['盛世', 'shengshi'], ['安泰', 'antai'], ['宏图', 'hongtu'], ['明德', 'mingde'], ['永信', 'yongxin'],
];

export const EN_BRANDS = [
  'Acme', 'Blue Harbor', 'Northwind', 'Evergreen', 'Silverline', 'Summit', 'Brightpath', 'Oakridge', 'Red Lantern',
  'Pacific Rim', 'Jade Bridge', 'Golden Gate', 'Lotus', 'Crestview', 'Harborview', 'Sunrise',
] as const;

export const ZH_SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'] as const;
export const ZH_GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '晓东', '建华', '志强', '海燕', '雪梅', '子涵', '浩然', '思远'] as const;
export const EN_FIRST = ['Emily', 'James', 'Olivia', 'Daniel', 'Sophia', 'Michael', 'Grace', 'David', 'Chloe', 'Ryan', 'Hannah', 'Kevin', 'Amy', 'Jason', 'Linda', 'Eric'] as const;
export const EN_LAST = ['Chen', 'Wong', 'Lee', 'Smith', 'Tan', 'Lim', 'Brown', 'Ng', 'Liu', 'Taylor', 'Ho', 'Martin', 'Cheung', 'Walker'] as const;
