import { skipToken } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useEffect, useRef } from 'react';
import { exhaustive } from '../../../common/errors.ts';
import { type LiveStatus, useUi } from '../state/ui.ts';
import { type Outputs, useTRPC } from '../trpc.ts';
import { voiceControls } from '../voice/controls.ts';
import { useInvalidate } from './useInvalidate.ts';
import { useSignedOut } from './useSignedOut.ts';

type LiveEvent = Outputs['live']['events'] extends AsyncIterable<infer E> ? E : never;

/**
 * Listens to the server's change feed and refetches what each change touches, so other people's
 * picks, receipts and work order moves appear without a reload. After a dropped connection
 * everything is refetched, since events may have been missed meanwhile. When this user's session is
 * ended elsewhere (disabled, signed out everywhere, password changed) the feed says so last, and the
 * login page shows why.
 */
export function useLiveEvents(enabled: boolean): void {
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const setLive = useUi((s) => s.setLive);
  const signedOut = useSignedOut();
  const wasLive = useRef(false);
  const status = useRef<LiveStatus>('off');

  const update = (next: LiveStatus) => {
    if (next === 'live' && status.current !== 'live' && wasLive.current) void invalidate.everything();
    if (next === 'live') wasLive.current = true;
    status.current = next;
    setLive(next);
  };

  const onEvent = (event: LiveEvent) => {
    switch (event.type) {
      case 'stock':
        void invalidate.stock(event.itemId);
        break;
      case 'work_order':
        void invalidate.workOrder(event.workOrderId);
        break;
      case 'purchase_order':
        void invalidate.purchaseOrder(event.purchaseOrderId);
        break;
      case 'catalog':
        void invalidate.catalog(event.itemId);
        voiceControls.vocabularyChanged();
        break;
      case 'asset':
        void invalidate.asset(event.assetId);
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
        void invalidate.supplier(event.supplierId);
        break;
      case 'category':
      case 'unit':
        void invalidate.masters();
        break;
      case 'location':
        void invalidate.location();
        break;
      case 'import':
        // Many rows changed at once; refetching what is on screen is simpler than tracking which.
        void invalidate.everything();
        voiceControls.vocabularyChanged();
        break;
      case 'signed_out':
        signedOut(event.reason);
        break;
      default:
        exhaustive(event);
    }
  };

  useSubscription(
    trpc.live.events.subscriptionOptions(enabled ? undefined : skipToken, {
      enabled,
      onStarted: () => update('live'),
      onData: (event) => {
        if (status.current !== 'live') update('live');
        onEvent(event);
      },
      onError: () => update('error'),
      onConnectionStateChange: (state) => {
        if (state.state === 'pending') update('live');
        else if (state.state === 'connecting') update(state.error ? 'error' : 'connecting');
        else update('off');
      },
    }),
  );

  useEffect(() => {
    if (!enabled) setLive('off');
  }, [enabled, setLive]);
}
