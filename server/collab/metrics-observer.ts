import { collabMetrics, countRefusal } from "../metrics";
import type { CollabObserver } from "./observer";

/** The collaboration server's Prometheus metrics (GET /metrics), fed by the stages' reports. */
export const metricsObserver: CollabObserver = {
  connectionOpened: () => collabMetrics.connections.inc(),
  connectionClosed: () => collabMetrics.connections.dec(),
  refused: (reason) => countRefusal(reason),
  accessChanged: () => {},
  documentLoaded: () => collabMetrics.documents.inc(),
  documentUnloaded: () => collabMetrics.documents.dec(),
  updateReceived: () => collabMetrics.updatesIn.inc(),
  updatesSent: (count) => collabMetrics.updatesOut.inc(count),
  committed(updates, seconds) {
    collabMetrics.persistSeconds.observe(seconds);
    collabMetrics.persistedUpdates.inc(updates);
  },
  compacted: (result) => collabMetrics.compactions.inc({ result }),
};
