-- tipwire schema, version 16: the incidents merged into one, found by an index.
--
-- When an incident is merged into another (a bridge, a report moved or attached), the
-- incidents already merged into it are pointed at the survivor, so each is one hop from
-- the open incident. Without an index that was a scan of every incident: 180–220 ms at
-- 1 M reports stored (2 s from a cold cache), on every merge, in the pipeline's
-- transaction (bench:incident-assign's slowest reports). Partial: only merged ones.
CREATE INDEX incidents_merged_into ON incidents (merged_into) WHERE merged_into IS NOT NULL;
