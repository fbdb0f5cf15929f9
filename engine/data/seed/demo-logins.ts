/** The demo accounts the seed creates (printed by `npm start`). */
export const DEMO_PASSWORD = 'allot-demo';

export const DEMO_LOGINS = [
  { role: 'admin', email: 'admin@allot.demo', password: DEMO_PASSWORD, zh: '运营管理员', en: 'Ops admin' },
  { role: 'manager', email: 'manager@allot.demo', password: DEMO_PASSWORD, zh: '销售主管（华东大客户组）', en: 'Sales manager (Enterprise East)' },
  { role: 'rep', email: 'rep@allot.demo', password: DEMO_PASSWORD, zh: '销售（李娜）', en: 'Sales rep (Li Na)' },
] as const;

export type DemoLogin = (typeof DEMO_LOGINS)[number];
