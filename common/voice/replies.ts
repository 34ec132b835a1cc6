/**
 * What the voice assistant says, per locale. The dialogue (dialogue.ts) decides what to say and
 * passes the facts; a locale's table turns them into words, so a new language is a new table with
 * its own grammar (plurals, word order) rather than string concatenation in the dialogue.
 */
import type { Intent } from './vocabulary.ts';

export type BinQty = { code: string; qty: number };
export type WorkOrderLine = { id: number; title: string; status: string; priority: string };

export type Replies = {
  /** Out-of-domain speech: never acts. */
  cantHelp: string;
  help: string;
  /** The sentence sounded like `intent` but lacked these slots (item, qty, location, ...). */
  incomplete(intent: Intent, missing: readonly string[]): string;
  nothingToConfirm: string;
  cancelled: string;
  nothingPending: string;
  /** Something was heard while a confirmed change is still with the server. */
  busy: string;
  /** A confirmation is waiting and something else was heard. */
  stillWaiting(prompt: string): string;
  didYouMean(names: readonly string[]): string;
  chooseAgain(names: readonly string[]): string;
  unknownItem(heard: string, nearest: readonly string[]): string;
  unknownAsset(heard: string, nearest: readonly string[]): string;
  unknownBin(code: string): string;
  unknownWorkOrder(id: number): string;

  stockLevel(name: string, total: number, bins: readonly BinQty[]): string;
  stockAt(name: string, code: string, qty: number): string;
  whereIs(name: string, bins: readonly BinQty[]): string;
  notStocked(name: string): string;
  lowStock(lines: readonly { name: string; available: number }[], total: number): string;
  noLowStock: string;
  workOrder(w: WorkOrderLine & { assetName: string | null; assignee: string | null }): string;
  myWorkOrders(lines: readonly WorkOrderLine[]): string;
  noWorkOrders: string;
  workOrderFinal(id: number, status: string): string;

  confirmPick(name: string, qty: number, code: string, lot: string): string;
  confirmPutAway(name: string, qty: number, from: string, to: string): string;
  confirmReturn(name: string, qty: number, code: string): string;
  confirmCount(name: string, qty: number, code: string): string;
  confirmCreateWorkOrder(asset: string, priority: string): string;
  confirmComplete(id: number, title: string): string;
  notEnough(name: string, code: string, available: number): string;
  notInBin(name: string, code: string): string;
  whichBin(name: string, codes: readonly string[]): string;
  sayBin(name: string): string;
  binHoldsSeveral(code: string, names: readonly string[]): string;
  binEmptyNoItem(code: string): string;

  picked(name: string, qty: number, code: string, left: number | null): string;
  putAway(name: string, qty: number, to: string): string;
  counted(name: string, qty: number, code: string): string;
  createdWorkOrder(id: number, asset: string): string;
  completed(id: number): string;
  /** The title of a work order raised by voice (the transcript becomes its description). */
  workOrderTitle(asset: string): string;
  returnReason: string;

  navigating(target: string): string;
  binTarget(code: string): string;
  openingAudit(aisle: string | null): string;
  auditNeedsPlanner(role: string): string;

  forbidden(message: string): string;
  refused(message: string): string;
  signedOut: string;
  networkRetry: string;
  networkFailed: string;

  /** Ordinal answers to "did you mean X or Y": each entry's words pick that position (-1 = last). */
  ordinals: readonly { words: readonly string[]; index: number }[];
  /** Rewrites text for a speech synthesiser (e.g. bin codes read as letters and numbers). */
  forSpeech(text: string): string;
};
