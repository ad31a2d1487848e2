-- tipwire schema, version 17: reports placed only as a whole city, kept apart, in an index
-- of their own.
--
-- A report placed only as a whole city (± tens of km) that names a kind of event may
-- attach to an incident many precise reports place (the correlate rule's `isCitywide`).
-- Kept apart when it came (too early: the incident had too few witnesses yet), it waits
-- here to be looked at again when a precise report comes near in place and time. Its
-- city-sized box would crowd the vague index's few re-checks, so it is kept apart from
-- them. Rows as in incident_core and incident_vague (009_incidents.sql). Reports kept
-- apart before this migration are not added: they are looked at again only if re-sent.
CREATE VIRTUAL TABLE incident_city USING rtree (
  id,
  min_lat, max_lat,
  min_lon, max_lon,
  min_minute, max_minute,
  +incident_id
);
