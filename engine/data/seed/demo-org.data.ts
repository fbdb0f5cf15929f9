/** The demo organisation: three teams, fifteen reps, one public pool. Dates are offsets from "now". */

export type TeamKey = 'east' | 'south' | 'growth';

export const DEMO_TEAMS: readonly { key: TeamKey; name: string; nameEn: string; description: string; regions: readonly string[] }[] = [
  { key: 'east', name: '华东大客户组', nameEn: 'Enterprise East', description: '华东地区大客户 / Key accounts in East China', regions: ['上海', '江苏', '浙江', '安徽'] },
  { key: 'south', name: '华南渠道组', nameEn: 'Channel South', description: '华南渠道与中小客户 / Channel and SMB in South China', regions: ['广东', '福建', '广西', '海南'] },
  { key: 'growth', name: '新人成长组', nameEn: 'New-hire Growth', description: '新人培养与全国长尾线索 / New hires on nationwide long-tail leads', regions: ['北京', '四川', '湖北', '山东', '河南'] },
];

export interface DemoRep {
  key: string;
  name: string;
  nameEn: string;
  team: TeamKey;
  status: 'active' | 'onLeave' | 'departed';
  /** leave window as day offsets from now */
  leave?: { fromDays: number; toDays: number };
  departedDaysAgo?: number;
  joinedDaysAgo: number;
  industries: string[];
  regions: string[];
  languages: string[];
  productLines: string[];
  level: number;
  weight: number;
  capacity: number;
  dailyCap: number;
  isNewHire?: boolean;
  isTopRep?: boolean;
  isManager?: boolean;
  /** working hours; the standard Mon–Fri 09:00–18:00 when absent */
  hours?: { days: number[]; start: string; end: string };
}

export const STANDARD_HOURS = { days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' };

export const DEMO_REPS: readonly DemoRep[] = [
  // 华东大客户组 / Enterprise East
  { key: 'chenjing', name: '陈静', nameEn: 'Chen Jing', team: 'east', status: 'active', joinedDaysAgo: 2600, industries: ['finance', 'manufacturing'], regions: ['上海', '江苏', '浙江'], languages: ['zh', 'en'], productLines: ['erp', 'analytics'], level: 5, weight: 1, capacity: 40, dailyCap: 4, isManager: true },
  { key: 'wanglei', name: '王磊', nameEn: 'Wang Lei', team: 'east', status: 'active', joinedDaysAgo: 1900, industries: ['manufacturing', 'automotive', 'energy'], regions: ['江苏', '浙江', '安徽'], languages: ['zh', 'en'], productLines: ['erp', 'analytics'], level: 4, weight: 3, capacity: 80, dailyCap: 15, isTopRep: true },
  { key: 'lina', name: '李娜', nameEn: 'Li Na', team: 'east', status: 'active', joinedDaysAgo: 1100, industries: ['finance', 'software'], regions: ['上海', '浙江'], languages: ['zh', 'en'], productLines: ['crm', 'cloud'], level: 3, weight: 2, capacity: 60, dailyCap: 10, hours: { days: [1, 2, 3, 4, 5], start: '09:30', end: '18:30' } },
  { key: 'zhangwei', name: '张伟', nameEn: 'Zhang Wei', team: 'east', status: 'onLeave', leave: { fromDays: -3, toDays: 11 }, joinedDaysAgo: 900, industries: ['retail', 'logistics'], regions: ['上海', '江苏'], languages: ['zh'], productLines: ['crm'], level: 3, weight: 2, capacity: 60, dailyCap: 10 },
  { key: 'liuyang', name: '刘洋', nameEn: 'Liu Yang', team: 'east', status: 'departed', departedDaysAgo: 20, joinedDaysAgo: 700, industries: ['manufacturing'], regions: ['安徽', '江苏'], languages: ['zh'], productLines: ['erp'], level: 2, weight: 1, capacity: 40, dailyCap: 8 },
  // 华南渠道组 / Channel South
  { key: 'huangli', name: '黄丽', nameEn: 'Huang Li', team: 'south', status: 'active', joinedDaysAgo: 2300, industries: ['retail', 'healthcare'], regions: ['广东', '福建'], languages: ['zh', 'yue', 'en'], productLines: ['crm', 'cloud'], level: 5, weight: 1, capacity: 40, dailyCap: 4, isManager: true },
  { key: 'zhoujie', name: '周杰', nameEn: 'Zhou Jie', team: 'south', status: 'active', joinedDaysAgo: 1600, industries: ['retail', 'logistics', 'manufacturing'], regions: ['广东', '广西'], languages: ['zh', 'yue', 'en'], productLines: ['crm', 'erp'], level: 4, weight: 3, capacity: 90, dailyCap: 18, isTopRep: true },
  { key: 'wumin', name: '吴敏', nameEn: 'Wu Min', team: 'south', status: 'active', joinedDaysAgo: 800, industries: ['retail', 'healthcare'], regions: ['福建', '广东'], languages: ['zh'], productLines: ['crm'], level: 3, weight: 2, capacity: 60, dailyCap: 10 },
  { key: 'zhenghao', name: '郑浩', nameEn: 'Zheng Hao', team: 'south', status: 'active', joinedDaysAgo: 650, industries: ['logistics', 'manufacturing'], regions: ['广东', '海南'], languages: ['zh', 'yue'], productLines: ['erp'], level: 3, weight: 2, capacity: 55, dailyCap: 10, hours: { days: [1, 2, 3, 4, 5, 6], start: '10:00', end: '19:00' } },
  { key: 'linxiaoyan', name: '林小燕', nameEn: 'Lin Xiaoyan', team: 'south', status: 'active', joinedDaysAgo: 400, industries: ['education', 'software'], regions: ['福建', '海南'], languages: ['zh', 'en'], productLines: ['cloud', 'crm'], level: 2, weight: 1.5, capacity: 45, dailyCap: 8 },
  // 新人成长组 / New-hire Growth
  { key: 'sunqiang', name: '孙强', nameEn: 'Sun Qiang', team: 'growth', status: 'active', joinedDaysAgo: 2000, industries: ['software', 'education', 'healthcare'], regions: ['北京', '山东'], languages: ['zh', 'en'], productLines: ['cloud', 'analytics'], level: 4, weight: 1, capacity: 35, dailyCap: 4, isManager: true },
  { key: 'zhaoxue', name: '赵雪', nameEn: 'Zhao Xue', team: 'growth', status: 'active', joinedDaysAgo: 45, industries: ['education', 'retail'], regions: ['北京', '河南'], languages: ['zh'], productLines: ['crm'], level: 1, weight: 1, capacity: 20, dailyCap: 5, isNewHire: true },
  { key: 'heyu', name: '何宇', nameEn: 'He Yu', team: 'growth', status: 'active', joinedDaysAgo: 30, industries: ['software', 'education'], regions: ['四川', '湖北'], languages: ['zh', 'en'], productLines: ['cloud'], level: 1, weight: 1, capacity: 20, dailyCap: 5, isNewHire: true },
  { key: 'machao', name: '马超', nameEn: 'Ma Chao', team: 'growth', status: 'active', joinedDaysAgo: 20, industries: ['retail', 'logistics'], regions: ['山东', '河南'], languages: ['zh'], productLines: ['crm'], level: 1, weight: 1, capacity: 20, dailyCap: 5, isNewHire: true, hours: { days: [1, 2, 3, 4], start: '09:00', end: '17:00' } },
  { key: 'gaoqing', name: '高晴', nameEn: 'Gao Qing', team: 'growth', status: 'active', joinedDaysAgo: 120, industries: ['healthcare', 'finance'], regions: ['湖北', '四川'], languages: ['zh', 'en'], productLines: ['analytics', 'crm'], level: 2, weight: 1.2, capacity: 30, dailyCap: 6, isNewHire: true },
];

/** the rep the demo rep login is */
export const DEMO_REP_KEY = 'lina';
/** the team the demo manager login manages (its manager rep is linked to the login) */
export const DEMO_MANAGER_TEAM: TeamKey = 'east';

export const DEMO_POOL = {
  name: '公海',
  nameEn: 'Public pool',
  description: '未分配或被回收的客户，销售可按规则领取 / Unowned and recycled customers that reps may claim under the rules',
  isDefault: true,
  rules: {
    recycleAfterDaysNoFollowUp: 15,
    recycleAfterDaysNoDeal: 30,
    perGrade: [
      { grade: 'A', recycleAfterDaysNoFollowUp: 30, recycleAfterDaysNoDeal: 60 },
      { grade: 'D', recycleAfterDaysNoFollowUp: 7, recycleAfterDaysNoDeal: 15 },
    ],
    warnDaysBefore: 3,
    claimsPerRepPerDay: 5,
    maxHeldPerRep: 60,
    protectionDays: 7,
    previousOwnerCooldownDays: 30,
  },
} as const;
