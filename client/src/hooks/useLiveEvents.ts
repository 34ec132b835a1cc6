import { useEffect, useRef } from 'react';
import { exhaustive } from '../../../common/errors.ts';
import type { LiveMessage } from '../../../common/live-events.ts';
import { useUi } from '../state/ui.ts';
import { voiceControls } from '../voice/controls.ts';
import { useInvalidate } from './useInvalidate.ts';
import { useSignedOut } from './useSignedOut.ts';

/** After the server refused the stream (a restart behind a proxy, say), try again this much later. */
const RETRY_MS = 5_000;

/**
 * Listens to the server's change feed (`GET /events`, server-sent events) and refetches what each
 * change touches, so other people's picks, receipts and work order moves appear without a reload.
 * A dropped connection resumes from the last event it had (EventSource sends `Last-Event-ID`; after
 * a refusal we reconnect ourselves with `?after=`), and the server replays what was missed, or says
 * `resync` when that is too old and everything is refetched. When this user's session is ended
 * elsewhere (disabled, signed out everywhere, password changed, logged out in another tab) the feed
 * says so last, and the login page shows why.
 */
export function useLiveEvents(enabled: boolean): void {
  const invalidate = useInvalidate();
  const setLive = useUi((s) => s.setLive);
  const signedOut = useSignedOut();
  // The stream outlives renders; it reads the newest callbacks through this.
  const handlers = useRef({ invalidate, signedOut });
  handlers.current = { invalidate, signedOut };

  useEffect(() => {
    if (!enabled) {
      setLive('off');
      return;
    }
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let lastId: string | null = null;
    let stopped = false;

    const onMessage = (message: LiveMessage) => {
      const { invalidate } = handlers.current;
      switch (message.type) {
        case 'stock':
          void invalidate.stock(message.itemId);
          break;
        case 'work_order':
          void invalidate.workOrder(message.workOrderId);
          break;
        case 'purchase_order':
          void invalidate.purchaseOrder(message.purchaseOrderId);
          break;
        case 'catalog':
          void invalidate.catalog(message.itemId);
          voiceControls.vocabularyChanged();
          break;
        case 'asset':
          void invalidate.asset(message.assetId);
          voiceControls.vocabularyChanged();
          break;
        case 'twin':
          void invalidate.twin();
          voiceControls.vocabularyChanged();
          break;
        case 'settings':
          // New currency, locale, time zone or units: every screen reformats from the new status.
          void invalidate.site();
          break;
        case 'supplier':
          void invalidate.supplier(message.supplierId);
          break;
        case 'category':
        case 'unit':
          void invalidate.masters();
          break;
        case 'location':
          void invalidate.location();
          break;
        case 'import':
        case 'resync':
          // Many rows changed at once, or changes were missed: refetching what is on screen is
          // simpler than tracking which.
          void invalidate.everything();
          voiceControls.vocabularyChanged();
          break;
        case 'signed_out':
          stop();
          handlers.current.signedOut(message.reason);
          break;
        default:
          exhaustive(message);
      }
    };

    const connect = () => {
      const current = new EventSource(
        lastId === null ? '/events' : `/events?after=${encodeURIComponent(lastId)}`,
      );
      source = current;
      current.onopen = () => setLive('live');
      // A fresh stream names where it starts, so a reconnect of our own resumes from there.
      current.addEventListener('position', (e) => {
        lastId = e.lastEventId || lastId;
      });
      current.onmessage = (e) => {
        lastId = e.lastEventId || lastId;
        onMessage(JSON.parse(e.data as string) as LiveMessage);
      };
      current.onerror = () => {
        if (stopped) return;
        setLive('error');
        // EventSource retries a dropped connection by itself, but not a refused one.
        if (current.readyState === EventSource.CLOSED) {
          current.close();
          retry = setTimeout(connect, RETRY_MS);
        }
      };
    };
    const stop = () => {
      stopped = true;
      clearTimeout(retry);
      source?.close();
    };

    setLive('connecting');
    connect();
    return () => {
      stop();
      setLive('off');
    };
  }, [enabled, setLive]);
}
