-- Every node of the Citus cluster: Citus first, then fms (with btree_gist).
SET client_min_messages = warning;
CREATE EXTENSION citus;
CREATE EXTENSION fms CASCADE;
