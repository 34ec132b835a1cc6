import type { Outputs } from '../trpc.ts';

export type ItemDetail = Outputs['items']['get'];
export type SearchHit = Outputs['items']['search'][number];
export type Movement = Outputs['items']['movements'][number];
export type BinDetail = Outputs['locations']['get'];
export type WorkOrderSummary = Outputs['workOrders']['list'][number];
export type WorkOrderDetail = Outputs['workOrders']['get'];
export type WorkOrderStatus = WorkOrderSummary['status'];
export type Priority = WorkOrderSummary['priority'];
export type AssetSummary = Outputs['assets']['list'][number];
export type AssetDetail = Outputs['assets']['get'];
export type PurchaseOrderSummary = Outputs['purchasing']['list'][number];
export type PurchaseOrderDetail = Outputs['purchasing']['get'];
export type PurchaseOrderStatus = PurchaseOrderSummary['status'];
export type LowStockRow = Outputs['stock']['lowStock'][number];
export type UserSummary = Outputs['users']['list'][number];
export type AuditEntry = Outputs['audit']['recent'][number];
export type AuditVerdict = Outputs['audit']['verify'];
export type LedgerCheck = Outputs['stock']['verifyLedger'];

export const WORK_ORDER_STATUSES = [
  'open',
  'assigned',
  'in_progress',
  'on_hold',
  'done',
  'cancelled',
] as const satisfies readonly WorkOrderStatus[];
export const PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const satisfies readonly Priority[];
export const PO_STATUSES = [
  'open',
  'partially_received',
  'received',
  'cancelled',
] as const satisfies readonly PurchaseOrderStatus[];

/** Where a work order may go next (mirrors the server's status machine, which has the final say). */
export const NEXT_STATUSES: Record<WorkOrderStatus, readonly WorkOrderStatus[]> = {
  open: ['assigned', 'in_progress', 'cancelled'],
  assigned: ['open', 'in_progress', 'on_hold', 'cancelled'],
  in_progress: ['on_hold', 'done', 'cancelled'],
  on_hold: ['in_progress', 'cancelled'],
  done: [],
  cancelled: [],
};
