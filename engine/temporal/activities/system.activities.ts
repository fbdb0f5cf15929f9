import { Context } from '@temporalio/activity';
import type { Connection } from 'mongoose';

/** Activities about the platform itself (not about customers). */
export function createSystemActivities(conn: Connection) {
  return {
    async recordWorkerHeartbeat(source: string): Promise<{ workerIdentity: string; at: string }> {
      const info = Context.current().info;
      const identity = info.workflowExecution?.workflowId ?? info.activityId;
      const at = new Date().toISOString();
      const db = conn.db;
      if (!db) throw new Error('database not connected');
      await db.collection('workerheartbeats').updateOne(
        { _id: 'latest' as unknown as never },
        { $set: { source, workflowId: identity, worker: `${process.pid}@${process.env.HOSTNAME ?? 'local'}`, at } },
        { upsert: true },
      );
      return { workerIdentity: `${process.pid}`, at };
    },
  };
}
export type SystemActivities = ReturnType<typeof createSystemActivities>;
