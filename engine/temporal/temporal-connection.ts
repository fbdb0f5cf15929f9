import { Client, Connection } from '@temporalio/client';

export const TASK_QUEUE = process.env.ALLOT_TASK_QUEUE ?? 'allot';
export const NAMESPACE = process.env.TEMPORAL_NAMESPACE ?? 'default';

/**
 * A Temporal client that connects lazily and reconnects after a failure, so the API starts (and
 * reports "temporal down" on /healthz) while Temporal is still coming up or restarting.
 */
export class TemporalGateway {
  private connection: Connection | undefined;
  private connecting: Promise<Client> | undefined;
  private lastError: string | undefined;

  constructor(readonly address: string, readonly namespace = NAMESPACE) {}

  async client(): Promise<Client> {
    if (this.connection) return new Client({ connection: this.connection, namespace: this.namespace });
    this.connecting ??= Connection.connect({ address: this.address, connectTimeout: 3000 })
      .then((c) => {
        this.connection = c;
        this.lastError = undefined;
        return new Client({ connection: c, namespace: this.namespace });
      })
      .finally(() => {
        this.connecting = undefined;
      });
    return this.connecting;
  }

  async check(): Promise<boolean> {
    try {
      const c = await this.client();
      await c.connection.workflowService.getSystemInfo({});
      return true;
    } catch (err) {
      this.lastError = (err as Error).message;
      const conn = this.connection;
      this.connection = undefined;
      await conn?.close().catch(() => undefined);
      return false;
    }
  }

  describe(): Record<string, unknown> {
    return { address: this.address, namespace: this.namespace, ...(this.lastError ? { lastError: this.lastError } : {}) };
  }

  async close(): Promise<void> {
    await this.connection?.close().catch(() => undefined);
    this.connection = undefined;
  }
}
