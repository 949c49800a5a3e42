-- Run on the primary from a standby session (test/replication/run.sh): a
-- calendar closure and a 126.1(d)(1) membership, each of which changes an
-- answer that a cache of the standby's session holds.
INSERT INTO fms.calendar_closures (closed_on, reason) VALUES ('2031-01-09', 'closure committed on the primary');
INSERT INTO fms.country_group_members (group_code, country_code, valid_from, source)
VALUES ('ITAR_126_1_DENIAL', 'JP', '2031-01-01', 'replication test');
