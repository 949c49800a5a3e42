-- Changes on the publisher (test/replication/logical.sh): five cases moved
-- on; five amendments and five licences filed and moved on, each change
-- with its log entry; a calendar closure; five payments fallen due (which
-- move the cases' kept balances, as the licences move the kept demand: the
-- subscriber's apply worker fires no statement trigger).
SET search_path = fms, public;
SET fms.reason = 'replication test';
SELECT count(*) FROM (SELECT fms.transition(c.case_id, 'write', c.status_since + 1) FROM fms.cases AS c
                        WHERE c.status = 'development' ORDER BY c.case_id LIMIT 5) AS t;
INSERT INTO fms.case_changes (case_id, change_no, title)
SELECT c.case_id, 'A9', 'replicated amendment' FROM fms.cases AS c WHERE c.status = 'implemented' ORDER BY c.case_id LIMIT 5;
UPDATE fms.case_changes SET status = 'write' WHERE change_no = 'A9';
INSERT INTO fms.dcs_licenses (license_no, form, applicant, country_code, value_usd)
SELECT 'REPL-' || i, 'DSP-5', 'Acme', 'JP', 100000 FROM generate_series(1, 5) AS i;
UPDATE fms.dcs_licenses SET status = 'in_review' WHERE license_no LIKE 'REPL-%';
INSERT INTO fms.calendar_closures (closed_on, reason) VALUES ('2031-01-09', 'closure replicated');
INSERT INTO fms.payment_schedule (case_id, due_on, amount_usd)
SELECT c.case_id, '2026-06-01', 1000 FROM fms.cases AS c WHERE c.status = 'implemented' ORDER BY c.case_id LIMIT 5;
