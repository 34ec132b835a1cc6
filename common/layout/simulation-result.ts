/** What a layout simulation reports: the server computes it, the planner's screens draw it. */
export const HISTOGRAM_WIDTH_M = 10;
export type Heatmap = { cellM: number; columns: number; rows: number; counts: number[] };

export type SimulationResult = {
  pickLines: number;
  putawayLines: number;
  transferLines: number;
  /** Lines whose bin is not in this layout or has nowhere to stand. */
  unplacedLines: number;
  orders: number;
  pickLists: number;
  pickDistanceM: number;
  putawayTrips: number;
  putawayDistanceM: number;
  replenishmentTrips: number;
  replenishmentDistanceM: number;
  totalDistanceM: number;
  walkHours: number;
  handlingHours: number;
  congestionWaitMinutes: number;
  congestionWaits: number;
  meanOrderDistanceM: number;
  meanOrderMinutes: number;
  /** Orders by their share of pick-list walking, HISTOGRAM_WIDTH_M buckets, the last open-ended. */
  orderDistanceHistogram: number[];
  /** Pick lines per floor cell, where the picker stood. */
  heatmap: Heatmap;
  busiestAisles: { label: string; waitMinutes: number }[];
};
