// Joins this server to the other instances on the same PostgreSQL database when the app is ready (face index
// in step, live punch events shared; see src/services/cluster/) and leaves when it closes. Nothing on SQLite.
import type { FastifyInstance } from 'fastify';
import { type Cluster, startCluster } from '../../services/cluster/index.js';
import type { ServiceContext } from '../../services/context.js';

export function registerCluster(app: FastifyInstance, ctx: ServiceContext) {
  let cluster: Cluster | null = null;
  app.addHook('onReady', async () => {
    cluster = await startCluster(ctx);
  });
  app.addHook('onClose', async () => {
    await cluster?.close();
    cluster = null;
  });
}
