// The alert centre: alerts with filters and counts, one alert with its evidence and history, status changes and
// notes, the evidence crop (audited), the dashboard summary, detector and routing settings, a scan on demand.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  addAlertNote,
  alertEvidenceImage,
  getAlert,
  listAlerts,
  setAlertStatus,
} from '../../../services/alerts/alerts.service.js';
import { startAlertHooks } from '../../../services/alerts/hooks.js';
import { scanAnomalies } from '../../../services/alerts/scan.js';
import {
  getAlertSettings,
  listRecipientCandidates,
  updateAlertSettings,
} from '../../../services/alerts/settings.js';
import { countOpenAlerts } from '../../../services/alerts/summary.js';
import { authorize } from '../../../services/authorize.js';
import type { ServiceContext } from '../../../services/context.js';
import { errorResponses, IdParams } from '../../schemas.js';
import {
  Alert,
  AlertDetail,
  AlertQuery,
  AlertSettings,
  AlertSettingsPatch,
  AlertStatus,
  EvidenceQuery,
  NoteBody,
  StatusBody,
} from './schemas.js';

const tags = ['alerts'];

export const alertRoutes =
  (ctx: ServiceContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    const stopHooks = startAlertHooks(ctx);
    app.addHook('onClose', async () => stopHooks());

    app.get(
      '/api/alerts',
      {
        schema: {
          tags,
          summary: 'Alerts, newest first, with filters and the count per status',
          querystring: AlertQuery,
          response: {
            200: Type.Object({
              total: Type.Integer(),
              items: Type.Array(Alert),
              counts: Type.Record(AlertStatus, Type.Integer()),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => listAlerts(ctx, request.actor, request.query),
    );
    app.get(
      '/api/alerts/summary',
      {
        schema: {
          tags,
          summary: 'Open (and acknowledged) alerts I may see, per severity, for the dashboard',
          response: {
            200: Type.Object({
              total: Type.Integer(),
              bySeverity: Type.Record(Type.String(), Type.Integer()),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => countOpenAlerts(ctx, request.actor),
    );
    app.get(
      '/api/alerts/settings',
      {
        schema: {
          tags,
          summary: 'Detector switches and tuning, and alert routing',
          response: { 200: AlertSettings, ...errorResponses },
        },
      },
      async (request) => getAlertSettings(ctx, request.actor),
    );
    app.put(
      '/api/alerts/settings',
      {
        schema: {
          tags,
          summary: 'Change detector settings or routing (merged over the current ones)',
          body: AlertSettingsPatch,
          response: { 200: AlertSettings, ...errorResponses },
        },
      },
      async (request) => updateAlertSettings(ctx, request.actor, request.body),
    );
    app.get(
      '/api/alerts/recipients',
      {
        schema: {
          tags,
          summary: 'Active console users who can be chosen as security recipients',
          response: {
            200: Type.Array(
              Type.Object({ id: Type.Integer(), username: Type.String(), displayName: Type.String() }),
            ),
            ...errorResponses,
          },
        },
      },
      async (request) => listRecipientCandidates(ctx, request.actor),
    );
    app.post(
      '/api/alerts/scan',
      {
        schema: {
          tags,
          summary: 'Run the anomaly scan now over what was recorded since the last one',
          response: {
            200: Type.Object({
              punches: Type.Integer(),
              attempts: Type.Integer(),
              raised: Type.Array(Type.Integer()),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        authorize(request.actor, 'notify.configure');
        return scanAnomalies(ctx);
      },
    );
    app.get(
      '/api/alerts/:id',
      {
        schema: {
          tags,
          summary: 'One alert with its evidence (punches, attempts, scores) and history',
          params: IdParams,
          response: { 200: AlertDetail, ...errorResponses },
        },
      },
      async (request) => getAlert(ctx, request.actor, request.params.id),
    );
    app.post(
      '/api/alerts/:id/status',
      {
        schema: {
          tags,
          summary: 'Acknowledge, resolve, mark as false positive (with a reason) or reopen',
          params: IdParams,
          body: StatusBody,
          response: { 200: AlertDetail, ...errorResponses },
        },
      },
      async (request) =>
        setAlertStatus(ctx, request.actor, request.params.id, request.body.status, request.body.note),
    );
    app.post(
      '/api/alerts/:id/notes',
      {
        schema: {
          tags,
          summary: 'Add a note to an alert',
          params: IdParams,
          body: NoteBody,
          response: { 200: AlertDetail, ...errorResponses },
        },
      },
      async (request) => addAlertNote(ctx, request.actor, request.params.id, request.body.note),
    );
    app.get(
      '/api/alerts/:id/evidence',
      {
        schema: {
          tags,
          summary: 'The evidence crop of one of the alert’s punches or attempts (JPEG; the view is audited)',
          params: IdParams,
          querystring: EvidenceQuery,
          response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), ...errorResponses },
        },
      },
      async (request, reply) => {
        const image = await alertEvidenceImage(ctx, request.actor, request.params.id, request.query);
        reply.header('content-type', 'image/jpeg').header('cache-control', 'no-store');
        return reply.send(image);
      },
    );
  };
