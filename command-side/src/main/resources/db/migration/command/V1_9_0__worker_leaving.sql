-- A worker's leaving date (null while they work there): visits planned on or after it are refused (worker-left).
ALTER TABLE worker_lookup ADD COLUMN left_on DATE;
