export interface HeadroomItem {
  system: string;
  truth: string;
  event: string | null;
  role: string;
  place: string;
  placed: boolean;
}
export interface HeadroomRow {
  class: string;
  items: number;
  precision: number;
  recall: number;
  f1: number;
}
export function itemsOf(
  truth: { reports: Record<string, { event: string | null; role: string }> },
  exportLines: {
    id: string;
    externalId: string;
    incidentId: string | null;
    place: { lat: number | null; lon: number | null; accuracyMeters?: number | null } | null;
  }[],
): HeadroomItem[];
export function headroom(items: HeadroomItem[]): HeadroomRow[];
