/** The demo users seeded on first start (one per role); printed by `npm start`. Used by the seed (F1 owns). */
export const DEMO_PASSWORD = 'allot-demo';

export const DEMO_LOGINS = [
  { role: 'admin', email: 'admin@allot.demo', password: DEMO_PASSWORD },
  { role: 'manager', email: 'manager@allot.demo', password: DEMO_PASSWORD },
  { role: 'rep', email: 'rep@allot.demo', password: DEMO_PASSWORD },
] as const;
