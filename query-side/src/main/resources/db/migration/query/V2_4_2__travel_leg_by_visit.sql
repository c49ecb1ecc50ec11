-- The travel projection finds the days a batch's visits were on through the legs that name them (TravelStore.legDaysOf).
CREATE INDEX travel_leg_from_visit_idx ON travel_leg (from_visit_id);
CREATE INDEX travel_leg_to_visit_idx ON travel_leg (to_visit_id);
