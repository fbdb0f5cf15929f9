/**
 * `npm run seed [-- --reset]`: seeds the demo organisation into MONGODB_URI
 * (default: the embedded FerretDB of npm start, mongodb://127.0.0.1:27018/allot). Without --reset it only fills an empty database.
 */
import { connectDatabase, DatabaseUnavailableError, DEFAULT_MONGODB_URI } from '../engine/data/connect';
import { redactUri } from '../engine/data/database-unavailable.error';
import { DEMO_LOGINS } from '../engine/data/seed/demo-logins';
import { seedDemo } from '../engine/data/seed/seed-demo';

const args = process.argv.slice(2);
const unknown = args.filter((a) => a !== '--reset' && a !== '--help' && a !== '-h');
if (args.includes('--help') || args.includes('-h') || unknown.length > 0) {
  if (unknown.length > 0) console.error(`Unknown option(s): ${unknown.join(' ')}`);
  console.log('Usage: npm run seed [-- --reset]\n  --reset  wipe every Allot collection, then seed the demo organisation\nEnvironment: MONGODB_URI (default: the embedded FerretDB of npm start, mongodb://127.0.0.1:27018/allot)');
  process.exit(unknown.length > 0 ? 2 : 0);
}
const reset = args.includes('--reset');
const uri = process.env.MONGODB_URI ?? DEFAULT_MONGODB_URI;

try {
  console.log(`Seeding ${redactUri(uri)}${reset ? ' (reset)' : ''} …`);
  const conn = await connectDatabase(uri);
  try {
    const started = performance.now();
    const result = await seedDemo(conn, { reset });
    console.log(result.message['zh-CN']);
    console.log(result.message.en);
    if (result.seeded) {
      const c = result.counts;
      console.log(`  follow-ups ${c.followUps}, assignment events ${c.assignmentEvents} (${Math.round(performance.now() - started)} ms)`);
      console.log('Demo logins / 演示账号:');
      for (const l of DEMO_LOGINS) console.log(`  ${l.role.padEnd(8)} ${l.email.padEnd(22)} ${l.password}   ${l.zh} / ${l.en}`);
    }
  } finally {
    await conn.close();
  }
} catch (err) {
  if (err instanceof DatabaseUnavailableError) {
    console.error(err.text['zh-CN']);
    console.error(err.text.en);
    console.error('Start Allot (npm start) or set MONGODB_URI to a running MongoDB / FerretDB.');
    process.exit(1);
  }
  throw err;
}
