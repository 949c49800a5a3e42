/* src/sql/sample_data.sql -- deterministic sample data at the scale of the real enterprise */

-- fms.generate_sample_data(cases, seed) writes customers, cases with their
-- whole history, amendments, modifications, congressional notifications
-- and DCS licences, all through the workflow engine (every row valid,
-- every transition logged, history replayed with fms.effective_date).
--
-- Distributions (illustrative, chosen to match the public headline
-- figures: about 16,000 open cases worth about $903 billion for about 180
-- customers, about $200 billion a year of DCS licences):
--   customers  178 ISO countries outside 126.1, chosen by the seed, plus
--              two 126.1(d)(1) destinations; codes = ISO alpha-2, marked
--              illustrative; weight falls off with rank (a few large
--              buyers, a long tail);
--   agencies   Army (B) 34%, Navy (P) 30%, Air Force (D) 30%, DCMA (F) 6%;
--   case ids   designators count up in base 36 per customer and agency;
--   values     log-normal (median about $14M, a heavy tail), MDE up to
--              60% and design and construction up to 15% of the total;
--              scaled at the end so that the open cases of a default run
--              total $903 billion;
--   timeline   LOR received uniformly over the last 14 years; AOD group
--              A 30%, B 50%, C 20%; LOR complete 3-30 days later;
--              preparation close to the AOD target, 15% late (up to twice
--              the target), 5% stalled in review and withdrawn after one
--              to three years;
--   outcomes   5% cancelled before implementation; implemented cases reach
--              supply complete after 4-18 years and close 12-30 months
--              later, so most cases are open, as in the real portfolio;
--   changes    15% of implemented cases get an amendment, 20% a modification;
--   notices    an offer that needs congressional notification gets one:
--              informal 25 days before formal, the formal review ending 5
--              days before the offer; LOAs whose offer is still ahead sit
--              in informal or formal review;
--   refusals   a few cases to 126.1(d)(1) destinations stay in proposed;
--   lines      each case itemized: its MDE as one line of an illustrative
--              item, its design and construction as one, the rest as
--              support; funding FMF for 12%, national funds otherwise;
--   deliveries supply-complete cases fully delivered, implemented ones
--              half their equipment delivered and the rest planned;
--   money      accepted cases pay 30% on acceptance and the rest in three
--              half-yearly instalments, collected ten days after they fall
--              due (one case in twenty 20% short);
--   DCS        about 2,000 licences a fiscal year for three years, about
--              $200 billion a year, 60% DSP-5; a licence that needs a 36(c)
--              notification is notified 15 days after receipt and decided
--              no earlier than the day its review has run.
CREATE FUNCTION fms.generate_sample_data(cases pg_catalog.int4 DEFAULT 16000, seed pg_catalog.int4 DEFAULT 1)
	RETURNS TABLE (what pg_catalog.text, how_many pg_catalog.int8)
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	-- History runs up to fms.effective_date if set, else fms.today() (the
	-- setting fms.as_of_date, else the current date).
	today date := coalesce(nullif(current_setting('fms.effective_date', true), '')::date, fms.today());
	start_day date := today - 14 * 365;
	alnum constant text := '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
	cust record;
	i int;
	id fms.case_id;
	customer text;
	agency text;
	grp text;
	target int;
	lor date;
	complete date;
	d date;
	total numeric;
	mde numeric;
	dc numeric;
	stop_at int;
	need record;
	formal date;
	transmittal text;
	customers text[];
	weights float8[];
	r float8;
	k int;
	designators_used int[];   -- cases so far, per customer and agency
	slot int;
	saved_date text := current_setting('fms.effective_date', true);
	saved_reason text := current_setting('fms.reason', true);
	scale numeric := 1;
	pass int;
BEGIN
	IF cases IS NULL OR seed IS NULL THEN
		RAISE EXCEPTION 'sample data needs a number of cases and a seed, not NULL'
			USING ERRCODE = 'null_value_not_allowed',
			      HINT = 'Leave an argument out for its default: 16,000 cases, seed 1.';
	END IF;
	IF cases < 1 OR cases > 10000000 THEN
		RAISE EXCEPTION 'cannot generate % sample cases', cases
			USING ERRCODE = 'invalid_parameter_value',
			      DETAIL = 'The sample holds 1 to 10,000,000 cases; 16,000 is the size of the real open portfolio.',
			      HINT = 'Ask for 1 to 10,000,000 cases (about an hour per million).';
	END IF;
	IF EXISTS (SELECT FROM fms.cases) THEN
		RAISE EXCEPTION 'fms.cases is not empty'
			USING ERRCODE = 'object_not_in_prerequisite_state',
				  HINT = 'Generate sample data into a database of its own.';
	END IF;
	-- The open cases of a default run total $903 billion: a first pass,
	-- rolled back, finds the scale; the second writes the values scaled
	-- (values decide no step of a case's history, so both passes take the
	-- same steps, and what is offered is never changed afterwards).
	FOR pass IN 1 .. 2 LOOP
	BEGIN
		PERFORM setseed(((seed % 1000000) + 0.5) / 1000001.0);

		-- Customers: 178 ISO countries outside 126.1(d)(1), chosen by the
		-- seed, plus two 126.1(d)(1) destinations for the refused cases.
		SELECT array_agg(c.country_code ORDER BY c.pick), array_agg(1.0 / (c.pick ^ 0.9) ORDER BY c.pick)
		  INTO customers, weights
		  FROM (SELECT c.country_code, row_number() OVER (ORDER BY md5(c.country_code || seed)) AS pick
		          FROM fms.countries AS c
		         WHERE c.country_code NOT IN (SELECT m.country_code FROM fms.country_group_members AS m
		                                       WHERE m.group_code LIKE 'ITAR_126_1%')) AS c
		 WHERE c.pick <= 178;
		INSERT INTO fms.customers (customer_code, name, kind, country_code)
		SELECT c.country_code, c.name || ' (illustrative code)', 'country', c.country_code
		  FROM fms.countries AS c
		 WHERE c.country_code = ANY (customers || ARRAY['CN', 'VE'])
		ON CONFLICT DO NOTHING;
		-- the weighted customers first, then the two proscribed ones
		customers := customers || ARRAY['CN', 'VE'];
		designators_used := array_fill(0, ARRAY[4 * array_length(customers, 1)]);
		-- cumulative weights
		FOR k IN 2 .. array_length(weights, 1) LOOP
			weights[k] := weights[k] + weights[k - 1];
		END LOOP;

		FOR i IN 1 .. cases LOOP
			-- the customer, by weight; a few cases to proscribed destinations
			IF i % 150 = 0 THEN
				k := array_length(weights, 1) + CASE WHEN i % 300 = 0 THEN 1 ELSE 2 END;
			ELSE
				r := random() * weights[array_length(weights, 1)];
				k := 1;
				WHILE weights[k] < r LOOP
					k := k + 1;
				END LOOP;
			END IF;
			r := random();
			agency := CASE WHEN r < 0.34 THEN 'B' WHEN r < 0.64 THEN 'P' WHEN r < 0.94 THEN 'D' ELSE 'F' END;
			-- A designator is three base-36 characters, 36^3 per customer and
			-- agency; a customer whose designators run out (past about a million
			-- cases) passes the case on to the next one.
			LOOP
				slot := (k - 1) * 4 + strpos('BPDF', agency);
				EXIT WHEN designators_used[slot] < 46656;
				k := k % array_length(weights, 1) + 1;
			END LOOP;
			customer := customers[k];
			id := fms.make_case_id(customer, agency,
			                       substr(alnum, 1 + designators_used[slot] / 1296, 1)
			                       || substr(alnum, 1 + (designators_used[slot] / 36) % 36, 1)
			                       || substr(alnum, 1 + designators_used[slot] % 36, 1));
			designators_used[slot] := designators_used[slot] + 1;
			r := random();
			grp := CASE WHEN r < 0.3 THEN 'A' WHEN r < 0.8 THEN 'B' ELSE 'C' END;
			target := CASE grp WHEN 'A' THEN 45 WHEN 'B' THEN 100 ELSE 150 END;
			lor := start_day + (random() * (today - start_day - 40))::int;
			complete := lor + 3 + (random() * 27)::int;
			-- log-normal value, median about $14M
			total := round(exp(16.45 + 1.8 * sqrt(-2 * ln(greatest(random(), 1e-12))) * cos(2 * pi() * random()))::numeric * scale, 2);
			mde := round(total * random()::numeric * 0.6, 2);
			dc := round(total * random()::numeric * 0.15, 2);

			PERFORM set_config('fms.effective_date', to_char(complete, 'YYYY-MM-DD'), true);
			INSERT INTO fms.cases (case_id, title, category, aod_group, lor_received_on, lor_complete_on,
			                       total_value_usd, mde_value_usd, design_construction_usd, funding_source)
			VALUES (id, 'Sample case ' || i, CASE WHEN random() < 0.85 THEN 'defined_order' ELSE 'blanket_order' END,
			        grp, lor, complete, total, mde, dc,
			        CASE WHEN fms.sample_fraction(id::text, 'funding') < 0.12 THEN 'FMF' ELSE 'NATIONAL' END);

			-- How far this case gets: by its age, with cancellations and stalls.
			r := random();
			d := complete + (target * (0.15 + random() * 0.25))::int;                     -- write (MILAP)
			stop_at := CASE WHEN r < 0.05 THEN -1 WHEN r < 0.10 THEN 3 ELSE 9 END;
			CONTINUE WHEN d >= today;
			PERFORM set_config('fms.effective_date', to_char(d, 'YYYY-MM-DD'), true);
			UPDATE fms.cases AS c SET status = 'write' WHERE c.case_id OPERATOR(fms.=) id;
			d := d + (target * (0.1 + random() * 0.2))::int;
			CONTINUE WHEN d >= today;
			PERFORM set_config('fms.effective_date', to_char(d, 'YYYY-MM-DD'), true);
			UPDATE fms.cases AS c SET status = 'review' WHERE c.case_id OPERATOR(fms.=) id;
			IF stop_at = 3 THEN
				-- stalled in review, and withdrawn after one to three years
				d := d + 365 + (random() * 730)::int;
				CONTINUE WHEN d >= today;
				PERFORM set_config('fms.effective_date', to_char(d, 'YYYY-MM-DD'), true);
				PERFORM set_config('fms.reason', 'stalled in review; the purchaser withdrew the LOR (sample)', true);
				UPDATE fms.cases AS c SET status = 'cancelled' WHERE c.case_id OPERATOR(fms.=) id;
				PERFORM set_config('fms.reason', '', true);
				CONTINUE;
			END IF;
			d := d + (target * (0.1 + random() * 0.2))::int;
			CONTINUE WHEN d >= today;
			PERFORM set_config('fms.effective_date', to_char(d, 'YYYY-MM-DD'), true);
			UPDATE fms.cases AS c SET status = 'proposed' WHERE c.case_id OPERATOR(fms.=) id;
			IF stop_at = -1 THEN
				PERFORM set_config('fms.effective_date', to_char(d + 20, 'YYYY-MM-DD'), true);
				PERFORM set_config('fms.reason', 'purchaser withdrew the LOR (sample)', true);
				CONTINUE WHEN d + 20 >= today;
				UPDATE fms.cases AS c SET status = 'cancelled' WHERE c.case_id OPERATOR(fms.=) id;
				PERFORM set_config('fms.reason', '', true);
				CONTINUE;
			END IF;
			CONTINUE WHEN customer IN ('CN', 'VE');                                  -- the offer would be refused
			-- offer near the AOD: 85% on time, 15% late by up to the target again
			d := GREATEST(d + 5, complete + (target * CASE WHEN random() < 0.85 THEN 0.6 + random() * 0.4
			                                                ELSE 1.0 + random() END)::int);
			-- A notification the offer needs runs ahead of it: informal review
			-- from 25 days before the formal notification, formal review until
			-- five days before the offer; a document still waiting for its offer
			-- is caught part way.
			need := fms.notification_requirement(customer, 'FMS', total, mde, dc, NULL, d);
			IF need.required AND d - need.review_days - 25 < today THEN
				formal := d - need.review_days - 5;
				transmittal := to_char(formal, 'YY') || '-' || (1 + i % 999);
				IF formal >= today OR EXISTS (SELECT FROM fms.congressional_notifications AS n
				                               WHERE n.section = need.section AND n.transmittal_no = transmittal) THEN
					transmittal := NULL;
				END IF;
				INSERT INTO fms.congressional_notifications (case_id, transmittal_no, section, informal_sent_on,
				                                             formal_sent_on, review_days, status)
				VALUES (id, transmittal, need.section, d - need.review_days - 25,
				        CASE WHEN formal < today THEN formal END, need.review_days,
				        CASE WHEN formal >= today THEN 'informal_review'
				             WHEN formal + need.review_days > today THEN 'formal_review' ELSE 'cleared' END);
			END IF;
			CONTINUE WHEN d >= today;
			PERFORM set_config('fms.effective_date', to_char(d, 'YYYY-MM-DD'), true);
			UPDATE fms.cases AS c SET status = 'offered', oed_on = d + 85 WHERE c.case_id OPERATOR(fms.=) id;
			d := d + 15 + (random() * 60)::int;
			CONTINUE WHEN d >= today;
			PERFORM set_config('fms.effective_date', to_char(d, 'YYYY-MM-DD'), true);
			UPDATE fms.cases AS c SET status = 'accepted' WHERE c.case_id OPERATOR(fms.=) id;
			d := d + 10 + (random() * 40)::int;
			CONTINUE WHEN d >= today;
			PERFORM set_config('fms.effective_date', to_char(d, 'YYYY-MM-DD'), true);
			UPDATE fms.cases AS c SET status = 'implemented', deposit_received_on = d - 3 WHERE c.case_id OPERATOR(fms.=) id;
			-- amendments and modifications of implemented cases
			IF random() < 0.15 THEN
				PERFORM fms.sample_change(id, 'A1', d + 30 + (random() * 300)::int, today);
			END IF;
			IF random() < 0.20 THEN
				PERFORM fms.sample_change(id, 'M1', d + 30 + (random() * 300)::int, today);
			END IF;
			d := d + 1460 + (random() * 5000)::int;
			CONTINUE WHEN d >= today;
			PERFORM set_config('fms.effective_date', to_char(d, 'YYYY-MM-DD'), true);
			UPDATE fms.cases AS c SET status = 'supply_complete' WHERE c.case_id OPERATOR(fms.=) id;
			d := d + 365 + (random() * 548)::int;
			CONTINUE WHEN d >= today;
			PERFORM set_config('fms.effective_date', to_char(d, 'YYYY-MM-DD'), true);
			UPDATE fms.cases AS c SET status = 'closed' WHERE c.case_id OPERATOR(fms.=) id;
		END LOOP;

		IF pass = 1 THEN
			SELECT COALESCE(903e9 * cases / 16000 / NULLIF(sum(c.total_value_usd), 0), 1) INTO scale
			  FROM fms.cases AS c WHERE c.status <> ALL (ARRAY['closed', 'cancelled']);
			RAISE EXCEPTION 'fms: sample dry run';
		END IF;
	EXCEPTION WHEN raise_exception THEN
		IF SQLERRM <> 'fms: sample dry run' THEN
			RAISE;
		END IF;
	END;
	END LOOP;

	PERFORM fms.sample_lines_and_money(today);

	-- DCS licences: about 2,000 a fiscal year, $200 billion a year.
	FOR i IN 1 .. (cases::bigint * 6000 / 16000)::int LOOP
		d := make_date(fms.fiscal_year(today) - 3, 10, 1) + (random() * 1094)::int;
		CONTINUE WHEN d >= today;
		PERFORM set_config('fms.effective_date', to_char(d, 'YYYY-MM-DD'), true);
		INSERT INTO fms.dcs_licenses AS l (license_no, form, applicant, country_code, value_usd)
		VALUES (lpad(i::text, 9, '0'),
		        CASE WHEN random() < 0.6 THEN 'DSP-5' WHEN random() < 0.5 THEN 'TAA' ELSE 'DSP-73' END,
		        'Sample exporter ' || (1 + i % 300), customers[1 + (random() * 60)::int],
		        round((1e8 * exp(1.2 * sqrt(-2 * ln(greatest(random(), 1e-12))) * cos(2 * pi() * random())) / 2.05)::numeric, 2))
		RETURNING l.country_code, l.value_usd INTO customer, total;
		CONTINUE WHEN d + 5 >= today;
		PERFORM set_config('fms.effective_date', to_char(d + 5, 'YYYY-MM-DD'), true);
		UPDATE fms.dcs_licenses AS l SET status = 'in_review' WHERE l.license_no = lpad(i::text, 9, '0');
		-- A licence that needs notification (36(c)) is notified ten days
		-- after receipt, and decided no earlier than the day its review ends.
		need := fms.notification_requirement(customer, 'DCS', total, NULL, NULL, NULL, d + 15);
		IF need.required THEN
			formal := d + 15;
			CONTINUE WHEN formal >= today;
			INSERT INTO fms.congressional_notifications (license_no, section, formal_sent_on, status)
			VALUES (lpad(i::text, 9, '0'), need.section, formal,
			        CASE WHEN formal + need.review_days > today THEN 'formal_review' ELSE 'cleared' END);
		END IF;
		d := d + 20 + (random() * 70)::int;
		IF need.required THEN
			d := GREATEST(d, formal + need.review_days);
		END IF;
		CONTINUE WHEN d >= today;
		PERFORM set_config('fms.effective_date', to_char(d, 'YYYY-MM-DD'), true);
		UPDATE fms.dcs_licenses AS l
		   SET status = CASE WHEN random() < 0.9 THEN 'approved' ELSE 'approved_with_provisos' END
		 WHERE l.license_no = lpad(i::text, 9, '0');
	END LOOP;

	PERFORM set_config('fms.effective_date', coalesce(saved_date, ''), true);
	PERFORM set_config('fms.reason', coalesce(saved_reason, ''), true);
	RETURN QUERY
	SELECT v.what, v.how_many FROM (VALUES
		(1, 'customers', (SELECT count(*) FROM fms.customers)),
		(2, 'cases', (SELECT count(*) FROM fms.cases)),
		(3, 'open cases', (SELECT count(*) FROM fms.cases AS c WHERE c.status <> ALL (ARRAY['closed', 'cancelled']))),
		(4, 'amendments and modifications', (SELECT count(*) FROM fms.case_changes)),
		(5, 'congressional notifications', (SELECT count(*) FROM fms.congressional_notifications)),
		(6, 'DCS licences', (SELECT count(*) FROM fms.dcs_licenses)),
		(7, 'status changes logged', (SELECT count(*) FROM fms.transition_log)),
		(8, 'case lines', (SELECT count(*) FROM fms.case_lines)),
		(9, 'deliveries', (SELECT count(*) FROM fms.deliveries)),
		(10, 'payments due', (SELECT count(*) FROM fms.payment_schedule)),
		(11, 'collections', (SELECT count(*) FROM fms.collections))) AS v(n, what, how_many)
	 ORDER BY v.n;
END
$$;
COMMENT ON FUNCTION fms.generate_sample_data(pg_catalog.int4, pg_catalog.int4) IS 'fills an empty database with illustrative sample data through the workflow engine, the same for a seed and a day (history runs to fms.effective_date, default today); default 16,000 cases, $903 billion open';

-- One amendment or modification of a case, walked to implementation.
CREATE FUNCTION fms.sample_change(case_id fms.case_id, change_no pg_catalog.text, lor pg_catalog.date, today pg_catalog.date)
	RETURNS void
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	d date := lor + 10;
	kind_states text[] := CASE WHEN left(change_no, 1) = 'A'
	                           THEN ARRAY['write', 'review', 'proposed', 'offered', 'accepted', 'implemented']
	                           ELSE ARRAY['write', 'review', 'proposed', 'implemented'] END;
	s text;
BEGIN
	IF d >= today THEN
		RETURN;
	END IF;
	PERFORM set_config('fms.effective_date', to_char(d, 'YYYY-MM-DD'), true);
	INSERT INTO fms.case_changes (case_id, change_no, title, aod_group, lor_received_on, lor_complete_on, oed_on, total_value_usd)
	VALUES (sample_change.case_id, change_no, 'Sample ' || change_no, 'B', lor, d,
	        CASE WHEN left(change_no, 1) = 'A' THEN d + 365 END,
	        CASE WHEN left(change_no, 1) = 'A' THEN round((random() * 5e7)::numeric, 2) ELSE round((random() * 2e6 - 1e6)::numeric, 2) END);
	FOREACH s IN ARRAY kind_states LOOP
		d := d + 10 + (random() * 25)::int;
		EXIT WHEN d >= today;
		PERFORM set_config('fms.effective_date', to_char(d, 'YYYY-MM-DD'), true);
		UPDATE fms.case_changes AS x SET status = s
		 WHERE x.case_id OPERATOR(fms.=) sample_change.case_id AND x.change_no = sample_change.change_no;
	END LOOP;
END
$$;
COMMENT ON FUNCTION fms.sample_change(fms.case_id, pg_catalog.text, pg_catalog.date, pg_catalog.date) IS 'used by fms.generate_sample_data: one amendment or modification walked through its machine';

-- A fraction in [0, 1) that a key and a purpose fix, for sample choices
-- that must not draw from random() (which would change every later draw).
CREATE FUNCTION fms.sample_fraction(key pg_catalog.text, purpose pg_catalog.text) RETURNS pg_catalog.float8
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT ('x' OPERATOR(pg_catalog.||) pg_catalog.substr(pg_catalog.md5($2 OPERATOR(pg_catalog.||) ':' OPERATOR(pg_catalog.||) $1), 1, 8))::pg_catalog.bit(32)::pg_catalog.int8
	       OPERATOR(pg_catalog.&) 2147483647
	       OPERATOR(pg_catalog./) 2147483648.0::pg_catalog.float8
	$$;
COMMENT ON FUNCTION fms.sample_fraction(pg_catalog.text, pg_catalog.text) IS 'sample data: a fraction in [0, 1) fixed by a key and a purpose (from md5)';

-- The lines, deliveries, payment schedule and collections of the sample
-- cases, set-based, once their histories are written: each case is
-- itemized into lines adding up to its values (allowed in any state), so
-- what was offered stays what it was.
CREATE FUNCTION fms.sample_lines_and_money(today pg_catalog.date) RETURNS void
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	INSERT INTO fms.items (item_code, description, usml, sme, sme_source, mde, mde_source) VALUES
		('SAMPLE-AIRCRAFT', 'Combat aircraft (sample item)', 'VIII(a)', true, 'USML VIII(a), asterisked', true, 'illustrative: production cost above $200 million'),
		('SAMPLE-MISSILE', 'Air defense missile (sample item)', 'IV(a)', true, 'USML IV(a), asterisked', true, 'illustrative: production cost above $200 million'),
		('SAMPLE-VEHICLE', 'Armored combat vehicle (sample item)', 'VII(a)', true, 'USML VII(a), asterisked', true, 'illustrative: production cost above $200 million'),
		('SAMPLE-VESSEL', 'Patrol vessel (sample item)', 'VI(a)', true, 'USML VI(a), asterisked', true, 'illustrative: production cost above $200 million'),
		('SAMPLE-RADAR', 'Surveillance radar (sample item)', 'XI(a)', true, 'USML XI(a), asterisked', true, 'illustrative: production cost above $200 million')
	ON CONFLICT DO NOTHING;

	INSERT INTO fms.case_lines (case_id, line_no, item_code, description, usml, quantity, unit, value_usd, sme, mde, design_construction)
	SELECT c.case_id, l.line_no, l.item_code, l.description, NULL, l.quantity, l.unit, l.value_usd, l.sme, l.mde, l.dc
	  FROM fms.cases AS c
	 CROSS JOIN LATERAL (SELECT (ARRAY['SAMPLE-AIRCRAFT', 'SAMPLE-MISSILE', 'SAMPLE-VEHICLE', 'SAMPLE-VESSEL', 'SAMPLE-RADAR'])
	                              [1 + floor(fms.sample_fraction(c.case_id::text, 'item') * 5)::int] AS item,
	                            1 + floor(fms.sample_fraction(c.case_id::text, 'quantity') * 24)::int AS quantity) AS pick
	 CROSS JOIN LATERAL (VALUES
		(1, pick.item, NULL, pick.quantity::numeric, 'each', c.mde_value_usd, true, true, false),
		(2, NULL, 'Design and construction', 1, 'lot', c.design_construction_usd, false, false, true),
		(3, NULL, 'Spares, support and services', 1, 'lot',
		 c.total_value_usd - c.mde_value_usd - c.design_construction_usd, false, false, false))
	       AS l(line_no, item_code, description, quantity, unit, value_usd, sme, mde, dc)
	 WHERE l.value_usd > 0;

	-- Supply-complete cases: every line delivered between implementation
	-- and supply complete.  Implemented cases: half the equipment delivered,
	-- the rest planned.
	INSERT INTO fms.deliveries (case_id, line_no, planned_on, delivered_on, quantity, value_usd, reference)
	SELECT l.case_id, l.line_no, NULL, d.on_date, d.quantity, d.value_usd,
	       'SAMPLE-TCN-' || l.case_id::text || '-' || lpad(l.line_no::text, 3, '0')
	  FROM fms.case_lines AS l
	  JOIN fms.cases AS c ON c.case_id OPERATOR(fms.=) l.case_id
	 CROSS JOIN LATERAL (
		SELECT CASE WHEN c.supply_complete_on IS NOT NULL
		            THEN c.implemented_on + floor((c.supply_complete_on - c.implemented_on) * fms.sample_fraction(l.case_id::text || l.line_no, 'delivered'))::int
		            ELSE c.implemented_on + floor((today - c.implemented_on) * fms.sample_fraction(l.case_id::text || l.line_no, 'delivered'))::int END AS on_date,
		       CASE WHEN c.supply_complete_on IS NOT NULL THEN l.quantity ELSE floor(l.quantity / 2) END AS quantity,
		       CASE WHEN c.supply_complete_on IS NOT NULL THEN l.value_usd ELSE round(l.value_usd * floor(l.quantity / 2) / l.quantity, 2) END AS value_usd) AS d
	 WHERE c.implemented_on IS NOT NULL AND c.status <> 'cancelled' AND d.quantity > 0
	   AND (c.supply_complete_on IS NOT NULL OR l.mde) AND d.on_date < today;
	INSERT INTO fms.deliveries (case_id, line_no, planned_on, quantity, value_usd)
	SELECT l.case_id, l.line_no, today + 30 + floor(fms.sample_fraction(l.case_id::text, 'planned') * 700)::int,
	       l.quantity - floor(l.quantity / 2), l.value_usd - round(l.value_usd * floor(l.quantity / 2) / l.quantity, 2)
	  FROM fms.case_lines AS l
	  JOIN fms.cases AS c ON c.case_id OPERATOR(fms.=) l.case_id
	 WHERE c.status = 'implemented' AND l.mde;

	-- 30% on acceptance, then three half-yearly instalments (the last takes
	-- the cents); collected ten days after they fall due.
	INSERT INTO fms.payment_schedule (case_id, due_on, amount_usd)
	SELECT c.case_id, (c.accepted_on + make_interval(months => 6 * k))::date,
	       CASE k WHEN 0 THEN round(c.total_value_usd * 0.3, 2)
	              WHEN 3 THEN c.total_value_usd - round(c.total_value_usd * 0.3, 2) - 2 * round(c.total_value_usd * 0.7 / 3, 2)
	              ELSE round(c.total_value_usd * 0.7 / 3, 2) END
	  FROM fms.cases AS c, generate_series(0, 3) AS k
	 WHERE c.accepted_on IS NOT NULL AND c.status <> 'cancelled';
	INSERT INTO fms.collections (case_id, received_on, amount_usd, reference)
	SELECT p.case_id, p.due_on + 10,
	       CASE WHEN fms.sample_fraction(p.case_id::text, 'short') < 0.05 THEN round(p.amount_usd * 0.8, 2) ELSE p.amount_usd END,
	       'SAMPLE-WIRE-' || p.case_id::text || '-' || to_char(p.due_on, 'YYYYMMDD')
	  FROM fms.payment_schedule AS p
	 WHERE p.due_on + 10 < today;
END
$$;
COMMENT ON FUNCTION fms.sample_lines_and_money(pg_catalog.date) IS 'sample data: itemizes every sample case and writes its deliveries, payment schedule and collections up to a day';
