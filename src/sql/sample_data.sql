/* src/sql/sample_data.sql -- a sample portfolio shaped like the real one, generated set-based */

-- fms.generate_sample_data(cases, seed, as_of) fills an empty database with
-- a portfolio whose shape follows the public figures (DOMAIN.md sections 7
-- and 10; each figure below names its source): `cases` open FMS cases on
-- as_of (default 16,000, the size of the real open portfolio) worth $903
-- billion per 16,000, with the closed and cancelled history behind them,
-- for real Security Cooperation customers weighted as the largest partners
-- are; their lines, deliveries, payments and congressional notifications;
-- and the DCS licences of the last full fiscal year and of the current one
-- (about $200 billion of approvals a year per 16,000 cases).
--
-- Every row goes through the workflow engine and its guards: each step of
-- the life cycle (write, review, ..., closed) is one UPDATE of all the
-- documents that take it, each on its own date (the "<status>_since" the
-- statement gives, see workflow_trigger.c).  The plan is drawn first, from
-- the seed alone (setseed and random() in one ordered pass), so the same
-- seed and as_of give the same portfolio, byte for byte.
--
-- Shape, by construction:
--   customers  fms.sample_customer_profile(): each case's customer drawn by
--              the customer's share of open value (every customer gets at
--              least three cases);
--   time       LORs over the 20 fiscal years to as_of, as many a year as
--              that year's FMS sales (fms.sample_annual_figures);
--   scale      values scaled in turn so that each customer holds its share
--              of the open value and the cases accepted in each fiscal year
--              that year's FMS sales, then by one factor so that the open
--              cases total $903 billion per 16,000;
--   values     log-normal with a heavy tail (most cases small, a few very
--              large), so that about a hundred sales a year need a
--              36(b)(1) notification; MDE for 60% of cases, design and
--              construction for 8%;
--   timeline   LOR complete 3-30 days after receipt; MILAP at 50-85% of the
--              AOD target after it (15% late, up to 1.8 times); review,
--              proposed and offer a few days apart; a required 36(b)
--              notification sent just after proposed (the informal review
--              before it), the offer after its formal review; acceptance
--              on or before the OED the rules derive (MILAP plus the
--              period in force); implementation 5-45 days later; supply
--              complete 3-18 years on; closure after the timers in force
--              (ACCP participants through interim closure);
--   outcomes   3% cancelled in development, 3% stalled in review and
--              withdrawn one to three years later, 2% withdrawn when
--              proposed, 2% offers that expire unaccepted; a sale the
--              export rules would deny on its offer date is cancelled when
--              proposed;
--   changes    10% of implemented cases get an amendment (2% of them large
--              enough for a 36(b)(5)(C) notification), 15% a modification;
--   lines      the MDE as one line of an item of the implementing agency's
--              kind, design and construction as one, the rest as support;
--              deliveries complete before supply complete, half the
--              equipment delivered on implemented cases; 30% paid on
--              acceptance and three half-yearly instalments;
--   DCS        30,000 licences a full fiscal year per 16,000 cases, most of
--              small value and a few very large, 2% denied and 3% returned
--              without action, 36(c) and 36(d) notifications where the
--              rules require them, decided no earlier than their review
--              ends.

-- The sample's customers: Security Cooperation customer codes (SAMM Table
-- C4.T2; not ISO codes) of real partners, with each one's share of the
-- value of open cases and where the code and the share come from.  No
-- territory, no United States, no 126.1(d)(1) destination.  Codes seen in
-- a source are marked confirmed; the others follow the FIPS 10-4 pattern
-- that most SC codes share, and are marked unconfirmed.  The shares are
-- estimates from the programs notified to Congress (no public breakdown of
-- open case value by customer was found).  fmf_share is the share of a
-- customer's cases paid with Foreign Military Financing (illustrative);
-- those customers, and France (DSCA Policy 20-45), take part in ACCP.
CREATE FUNCTION fms.sample_customer_profile()
	RETURNS TABLE (customer_code pg_catalog.text, name pg_catalog.text, country_code pg_catalog.text,
	               kind pg_catalog.text, country_group pg_catalog.text, open_value_percent pg_catalog.numeric,
	               fmf_share pg_catalog.float8, accp_participant pg_catalog.bool, source pg_catalog.text)
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT * FROM (VALUES
	('SR', 'Saudi Arabia', 'SA', 'country', NULL, 9.884, 0.0, false,
	 'weight: largest open FMS portfolio: THAAD, Patriot, F-15SA sustainment, Apache, munitions, RSAF/RSLF support cases; code confirmed: https://votesmart.org/public-statement/1675424 (Cong. Rec. 2024-05-01, Transmittal 24-12: ''FMS case SR-P-TDD'')'),
	('PL', 'Poland', 'PL', 'country', NULL, 9.260, 0.05, true,
	 'weight: Patriot phase II, Abrams M1A2/M1A1, HIMARS, AH-64E, IBCS, F-16 upgrade notifications FY2018-2025; code unconfirmed: FIPS 10-4 pattern'),
	('JA', 'Japan', 'JP', 'country', NULL, 8.231, 0.0, false,
	 'weight: F-35A/B, Aegis/SM-3/SM-6, Tomahawk, E-2D, KC-46 notifications FY2017-2025; code unconfirmed: FIPS 10-4 pattern'),
	('IS', 'Israel', 'IL', 'country', NULL, 6.585, 0.9, true,
	 'weight: F-35I, F-15IA, KC-46, munitions, FMF-funded cases FY2020-2025; code confirmed: https://votesmart.org/public-statement/1459076 (Cong. Rec. 2020-08-10, Transmittal 20-44: ''Army (IS-B-ZMI, IS-B-ZMJ)'')'),
	('AT', 'Australia', 'AU', 'country', NULL, 6.482, 0.0, false,
	 'weight: F-35A, MQ-4C, P-8A, Tomahawk, HIMARS, Abrams, UH-60M, SM-2/SM-6; code unconfirmed: recalled from public case identifiers; differs from FIPS 10-4 (AS)'),
	('GY', 'Germany', 'DE', 'country', NULL, 4.733, 0.0, false,
	 'weight: F-35A, CH-47F, P-8A, Patriot, AMRAAM notifications FY2022-2025; code unconfirmed: recalled from public case identifiers; differs from FIPS 10-4 (GM)'),
	('TW', 'Taiwan (TECRO)', 'TW', 'country', NULL, 4.733, 0.1, true,
	 'weight: F-16V Block 70, HIMARS, Harpoon coastal defense, M1A2T, NASAMS, 2025 packages; code unconfirmed: FIPS 10-4 pattern'),
	('KS', 'South Korea', 'KR', 'country', NULL, 3.704, 0.0, false,
	 'weight: F-35A second batch, P-8A, SM-6, AH-64E, CH-47F, Patriot upgrades; code unconfirmed: FIPS 10-4 pattern'),
	('UK', 'United Kingdom', 'GB', 'country', NULL, 3.704, 0.0, false,
	 'weight: P-8A, AH-64E, E-7/CH-47 support, Tomahawk, MQ-9B, C-17 CLS; code unconfirmed: FIPS 10-4 pattern'),
	('CN', 'Canada', 'CA', 'country', NULL, 3.292, 0.0, false,
	 'weight: F-35A (88), P-8A, MQ-9B, C-17/C-130J support; code unconfirmed: recalled from public case identifiers; differs from FIPS 10-4 (CA)'),
	('QA', 'Qatar', 'QA', 'country', NULL, 2.881, 0.0, false,
	 'weight: F-15QA, AH-64E, Patriot, NASAMS, MQ-9B notifications FY2016-2025; code unconfirmed: FIPS 10-4 pattern'),
	('AE', 'United Arab Emirates', 'AE', 'country', NULL, 2.366, 0.0, false,
	 'weight: THAAD, Patriot, CH-47F, munitions, sustainment; code unconfirmed: FIPS 10-4 pattern'),
	('FI', 'Finland', 'FI', 'country', NULL, 2.161, 0.0, false,
	 'weight: F-35A HX program, AMRAAM, JASSM-ER, GMLRS; code unconfirmed: FIPS 10-4 pattern'),
	('GR', 'Greece', 'GR', 'country', NULL, 2.058, 0.0, false,
	 'weight: F-35A, F-16V upgrade, MH-60R, Black Hawk; code unconfirmed: FIPS 10-4 pattern'),
	('KU', 'Kuwait', 'KW', 'country', NULL, 2.058, 0.0, false,
	 'weight: Patriot, M1A2K Abrams, F/A-18E/F, NASAMS, AH-64E sustainment; code unconfirmed: FIPS 10-4 pattern'),
	('NE', 'Netherlands', 'NL', 'country', NULL, 2.058, 0.0, false,
	 'weight: F-35A, Patriot, CH-47F, AH-64E, MQ-9A, Tomahawk; code unconfirmed: recalled from public case identifiers; differs from FIPS 10-4 (NL)'),
	('EG', 'Egypt', 'EG', 'country', NULL, 1.852, 0.9, true,
	 'weight: FMF-funded F-16, AH-64, M1A1 coproduction, C-130J, sustainment; code unconfirmed: FIPS 10-4 pattern'),
	('TK', 'Turkey', 'TR', 'country', NULL, 1.852, 0.0, false,
	 'weight: F-16 Block 70 and modernization kits (2024), sustainment; code unconfirmed: recalled from public case identifiers; differs from FIPS 10-4 (TU)'),
	('N4', 'NATO Support and Procurement Agency (NSPA)', NULL, 'organization', 'NATO', 1.338, 0.0, false,
	 'weight: C-17 SAC CLS, multinational Stinger/Javelin/AMRAAM and sustainment buys as Lead Nation; code confirmed: https://samm.dsca.mil/node/16832 (SAMM blanket retransfer step-by-step: Lead Nation NSPA, example case ''N4-D-YAB'')'),
	('RO', 'Romania', 'RO', 'country', NULL, 1.338, 0.0, false,
	 'weight: F-35A, Patriot, HIMARS, Abrams, F-16 sustainment; code unconfirmed: FIPS 10-4 pattern'),
	('EZ', 'Czechia', 'CZ', 'country', NULL, 1.235, 0.0, false,
	 'weight: F-35A, AH-1Z/UH-1Y, Javelin; code unconfirmed: FIPS 10-4 pattern'),
	('NO', 'Norway', 'NO', 'country', NULL, 1.235, 0.0, false,
	 'weight: F-35A, P-8A, HIMARS, MH-60R; code unconfirmed: FIPS 10-4 pattern'),
	('SZ', 'Switzerland', 'CH', 'country', NULL, 1.132, 0.0, false,
	 'weight: F-35A (Air2030), Patriot; code unconfirmed: FIPS 10-4 pattern'),
	('BE', 'Belgium', 'BE', 'country', NULL, 0.926, 0.0, false,
	 'weight: F-35A (34+11), MQ-9B; code unconfirmed: FIPS 10-4 pattern'),
	('DA', 'Denmark', 'DK', 'country', NULL, 0.926, 0.0, false,
	 'weight: F-35A, MH-60R, AMRAAM; code unconfirmed: FIPS 10-4 pattern'),
	('IQ', 'Iraq', 'IQ', 'country', NULL, 0.926, 0.3, true,
	 'weight: F-16IQ sustainment, Abrams/armor sustainment, Bell 505 (FMF/national); code unconfirmed: recalled from public case identifiers; differs from FIPS 10-4 (IZ)'),
	('MO', 'Morocco', 'MA', 'country', NULL, 0.926, 0.1, true,
	 'weight: F-16V, AH-64E, HIMARS, Javelin; code unconfirmed: FIPS 10-4 pattern'),
	('IN', 'India', 'IN', 'country', NULL, 0.823, 0.0, false,
	 'weight: MQ-9B, MH-60R, P-8I, AH-64E; code unconfirmed: FIPS 10-4 pattern'),
	('JO', 'Jordan', 'JO', 'country', NULL, 0.720, 0.8, true,
	 'weight: F-16 Block 70, FMF-funded sustainment; code unconfirmed: FIPS 10-4 pattern'),
	('SN', 'Singapore', 'SG', 'country', NULL, 0.720, 0.0, false,
	 'weight: F-35B, F-16 upgrade, CH-47F; code unconfirmed: FIPS 10-4 pattern'),
	('BA', 'Bahrain', 'BH', 'country', NULL, 0.617, 0.0, false,
	 'weight: F-16 Block 70, AH-1Z, Patriot; code unconfirmed: FIPS 10-4 pattern'),
	('IT', 'Italy', 'IT', 'country', NULL, 0.617, 0.0, false,
	 'weight: MQ-9, munitions, KC-767/C-130J support (F-35 is cooperative, not FMS); code unconfirmed: FIPS 10-4 pattern'),
	('UP', 'Ukraine', 'UA', 'country', NULL, 0.617, 0.6, true,
	 'weight: partner-funded FMS (HAWK, air defense sustainment) 2022-2025; code unconfirmed: FIPS 10-4 pattern'),
	('BU', 'Bulgaria', 'BG', 'country', NULL, 0.514, 0.0, false,
	 'weight: F-16 Block 70 (two tranches), Javelin; code unconfirmed: FIPS 10-4 pattern'),
	('LO', 'Slovakia', 'SK', 'country', NULL, 0.514, 0.0, false,
	 'weight: F-16 Block 70, AH-1Z; code unconfirmed: FIPS 10-4 pattern'),
	('SP', 'Spain', 'ES', 'country', NULL, 0.514, 0.0, false,
	 'weight: SM-2, MH-60R, Aegis equipment for F-110; code unconfirmed: FIPS 10-4 pattern'),
	('SW', 'Sweden', 'SE', 'country', NULL, 0.514, 0.0, false,
	 'weight: Patriot, AMRAAM, GMLRS; code unconfirmed: FIPS 10-4 pattern'),
	('FR', 'France', 'FR', 'country', NULL, 0.412, 0.0, true,
	 'weight: E-2D, KC-130J, MQ-9 sustainment; code unconfirmed: FIPS 10-4 pattern'),
	('NZ', 'New Zealand', 'NZ', 'country', NULL, 0.412, 0.0, false,
	 'weight: P-8A, MH-60R/C-130 support; code unconfirmed: FIPS 10-4 pattern'),
	('MU', 'Oman', 'OM', 'country', NULL, 0.412, 0.0, false,
	 'weight: F-16 sustainment, munitions; code unconfirmed: FIPS 10-4 pattern'),
	('LH', 'Lithuania', 'LT', 'country', NULL, 0.360, 0.0, false,
	 'weight: HIMARS, JLTV, UH-60M, AMRAAM; code unconfirmed: FIPS 10-4 pattern'),
	('HU', 'Hungary', 'HU', 'country', NULL, 0.309, 0.0, false,
	 'weight: AMRAAM, JAGM, sustainment; code unconfirmed: FIPS 10-4 pattern'),
	('ID', 'Indonesia', 'ID', 'country', NULL, 0.309, 0.0, false,
	 'weight: C-130J/F-16 sustainment (F-15ID notified 2022, largely DCS); code unconfirmed: FIPS 10-4 pattern'),
	('RP', 'Philippines', 'PH', 'country', NULL, 0.257, 0.4, true,
	 'weight: F-16 notification 2025 (estimate of accepted share), FMF-funded cases; code unconfirmed: FIPS 10-4 pattern'),
	('CO', 'Colombia', 'CO', 'country', NULL, 0.206, 0.3, true,
	 'weight: UH-60, C-130 support, FMF; code unconfirmed: FIPS 10-4 pattern'),
	('HR', 'Croatia', 'HR', 'country', NULL, 0.206, 0.0, false,
	 'weight: HIMARS, Bradley, UH-60M; code unconfirmed: FIPS 10-4 pattern'),
	('NI', 'Nigeria', 'NG', 'country', NULL, 0.206, 0.0, false,
	 'weight: A-29 Super Tucano, munitions (2025 notification); code unconfirmed: FIPS 10-4 pattern'),
	('PK', 'Pakistan', 'PK', 'country', NULL, 0.206, 0.0, false,
	 'weight: F-16 sustainment and technical support; code unconfirmed: FIPS 10-4 pattern'),
	('TH', 'Thailand', 'TH', 'country', NULL, 0.206, 0.0, false,
	 'weight: UH-60M, Stryker (EDA), F-16 sustainment; code unconfirmed: FIPS 10-4 pattern'),
	('BR', 'Brazil', 'BR', 'country', NULL, 0.154, 0.0, false,
	 'weight: Javelin, C-130/H-60 sustainment; code unconfirmed: FIPS 10-4 pattern'),
	('CI', 'Chile', 'CL', 'country', NULL, 0.154, 0.0, false,
	 'weight: F-16 sustainment, KC-135 (EDA); code unconfirmed: FIPS 10-4 pattern'),
	('EN', 'Estonia', 'EE', 'country', NULL, 0.154, 0.0, false,
	 'weight: HIMARS, Javelin; code unconfirmed: FIPS 10-4 pattern'),
	('LG', 'Latvia', 'LV', 'country', NULL, 0.154, 0.0, false,
	 'weight: HIMARS, NSM coastal defense support, UH-60M; code unconfirmed: FIPS 10-4 pattern'),
	('MX', 'Mexico', 'MX', 'country', NULL, 0.154, 0.0, false,
	 'weight: MH-60R, UH-60M; code unconfirmed: FIPS 10-4 pattern'),
	('PO', 'Portugal', 'PT', 'country', NULL, 0.154, 0.0, false,
	 'weight: F-16 and P-3 sustainment; code unconfirmed: FIPS 10-4 pattern'),
	('TS', 'Tunisia', 'TN', 'country', NULL, 0.154, 0.5, true,
	 'weight: FMF-funded aircraft and patrol craft sustainment; code unconfirmed: FIPS 10-4 pattern'),
	('AR', 'Argentina', 'AR', 'country', NULL, 0.103, 0.0, false,
	 'weight: F-16 support (ex-Danish aircraft), Stryker; code unconfirmed: FIPS 10-4 pattern'),
	('AU', 'Austria', 'AT', 'country', NULL, 0.103, 0.0, false,
	 'weight: UH-60M, Javelin; code unconfirmed: FIPS 10-4 pattern'),
	('LE', 'Lebanon', 'LB', 'country', NULL, 0.103, 0.7, true,
	 'weight: FMF-funded A-29, HMMWV, munitions; code unconfirmed: FIPS 10-4 pattern'),
	('MY', 'Malaysia', 'MY', 'country', NULL, 0.103, 0.0, false,
	 'weight: F/A-18D sustainment, ScanEagle; code unconfirmed: FIPS 10-4 pattern'),
	('KE', 'Kenya', 'KE', 'country', NULL, 0.082, 0.3, true,
	 'weight: FMF-funded helicopters and sustainment; code unconfirmed: FIPS 10-4 pattern'),
	('GG', 'Georgia', 'GE', 'country', NULL, 0.051, 0.5, true,
	 'weight: Javelin, training (FMF); code unconfirmed: FIPS 10-4 pattern'),
	('PE', 'Peru', 'PE', 'country', NULL, 0.051, 0.0, false,
	 'weight: small sustainment cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('AL', 'Albania', 'AL', 'country', NULL, 0.031, 0.0, false,
	 'weight: Black Hawk, FMF cases; code unconfirmed: FIPS 10-4 pattern'),
	('EC', 'Ecuador', 'EC', 'country', NULL, 0.031, 0.0, false,
	 'weight: small sustainment cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('LU', 'Luxembourg', 'LU', 'country', NULL, 0.031, 0.0, false,
	 'weight: MRTT/ISR support, small national cases; code unconfirmed: FIPS 10-4 pattern'),
	('MK', 'North Macedonia', 'MK', 'country', NULL, 0.031, 0.0, false,
	 'weight: Stryker (FMF), JLTV; code unconfirmed: FIPS 10-4 pattern'),
	('SI', 'Slovenia', 'SI', 'country', NULL, 0.031, 0.0, false,
	 'weight: JLTV, small cases; code unconfirmed: FIPS 10-4 pattern'),
	('VM', 'Vietnam', 'VN', 'country', NULL, 0.031, 0.5, true,
	 'weight: T-6, patrol boats (FMF); code unconfirmed: FIPS 10-4 pattern'),
	('BG', 'Bangladesh', 'BD', 'country', NULL, 0.021, 0.3, true,
	 'weight: small cases, EDA cutters (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('CS', 'Costa Rica', 'CR', 'country', NULL, 0.021, 0.0, false,
	 'weight: small sustainment cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('DR', 'Dominican Republic', 'DO', 'country', NULL, 0.021, 0.0, false,
	 'weight: small sustainment cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('ES', 'El Salvador', 'SV', 'country', NULL, 0.021, 0.0, false,
	 'weight: small sustainment cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('GT', 'Guatemala', 'GT', 'country', NULL, 0.021, 0.0, false,
	 'weight: small sustainment cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('HO', 'Honduras', 'HN', 'country', NULL, 0.021, 0.0, false,
	 'weight: small sustainment cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('KZ', 'Kazakhstan', 'KZ', 'country', NULL, 0.021, 0.0, false,
	 'weight: small training/sustainment cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('MD', 'Moldova', 'MD', 'country', NULL, 0.021, 0.0, false,
	 'weight: small FMF cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('PM', 'Panama', 'PA', 'country', NULL, 0.021, 0.0, false,
	 'weight: small sustainment cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('CE', 'Sri Lanka', 'LK', 'country', NULL, 0.021, 0.0, false,
	 'weight: EDA cutters, small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('UY', 'Uruguay', 'UY', 'country', NULL, 0.021, 0.0, false,
	 'weight: small sustainment cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('UZ', 'Uzbekistan', 'UZ', 'country', NULL, 0.021, 0.0, false,
	 'weight: small training/sustainment cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('AO', 'Angola', 'AO', 'country', NULL, 0.010, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('BF', 'Bahamas', 'BS', 'country', NULL, 0.010, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('BK', 'Bosnia and Herzegovina', 'BA', 'country', NULL, 0.010, 0.0, false,
	 'weight: small FMF cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('BC', 'Botswana', 'BW', 'country', NULL, 0.010, 0.0, false,
	 'weight: C-130 sustainment (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('CM', 'Cameroon', 'CM', 'country', NULL, 0.010, 0.0, false,
	 'weight: small FMF cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('DJ', 'Djibouti', 'DJ', 'country', NULL, 0.010, 0.0, false,
	 'weight: small FMF cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('GH', 'Ghana', 'GH', 'country', NULL, 0.010, 0.0, false,
	 'weight: small FMF cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('JM', 'Jamaica', 'JM', 'country', NULL, 0.010, 0.0, false,
	 'weight: small FMF cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('KV', 'Kosovo', 'XK', 'country', NULL, 0.010, 0.0, false,
	 'weight: small FMF cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('KG', 'Kyrgyzstan', 'KG', 'country', NULL, 0.010, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('MG', 'Mongolia', 'MN', 'country', NULL, 0.010, 0.0, false,
	 'weight: small FMF cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('MJ', 'Montenegro', 'ME', 'country', NULL, 0.010, 0.0, false,
	 'weight: small FMF cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('NP', 'Nepal', 'NP', 'country', NULL, 0.010, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('PA', 'Paraguay', 'PY', 'country', NULL, 0.010, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('SG', 'Senegal', 'SN', 'country', NULL, 0.010, 0.0, false,
	 'weight: small FMF cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('SF', 'South Africa', 'ZA', 'country', NULL, 0.010, 0.0, false,
	 'weight: small sustainment cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('TI', 'Tajikistan', 'TJ', 'country', NULL, 0.010, 0.0, false,
	 'weight: small border-security cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('TD', 'Trinidad and Tobago', 'TT', 'country', NULL, 0.010, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('UG', 'Uganda', 'UG', 'country', NULL, 0.010, 0.0, false,
	 'weight: small FMF cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('BB', 'Barbados', 'BB', 'country', NULL, 0.005, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('BH', 'Belize', 'BZ', 'country', NULL, 0.005, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('BN', 'Benin', 'BJ', 'country', NULL, 0.005, 0.0, false,
	 'weight: small FMF cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('BX', 'Brunei', 'BN', 'country', NULL, 0.005, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('CD', 'Chad', 'TD', 'country', NULL, 0.005, 0.0, false,
	 'weight: small FMF cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('IV', 'Cote d''Ivoire', 'CI', 'country', NULL, 0.005, 0.0, false,
	 'weight: small FMF cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('CY', 'Cyprus', 'CY', 'country', NULL, 0.005, 0.0, false,
	 'weight: tiny (126.1(d)(2) suspension renewed yearly); code unconfirmed: FIPS 10-4 pattern'),
	('EI', 'Ireland', 'IE', 'country', NULL, 0.005, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('MV', 'Maldives', 'MV', 'country', NULL, 0.005, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('MT', 'Malta', 'MT', 'country', NULL, 0.005, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('MR', 'Mauritania', 'MR', 'country', NULL, 0.005, 0.0, false,
	 'weight: small FMF cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('MZ', 'Mozambique', 'MZ', 'country', NULL, 0.005, 0.0, false,
	 'weight: small FMF cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('RI', 'Serbia', 'RS', 'country', NULL, 0.005, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('TO', 'Togo', 'TG', 'country', NULL, 0.005, 0.0, false,
	 'weight: small FMF cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('AG', 'Algeria', 'DZ', 'country', NULL, 0.003, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('AM', 'Armenia', 'AM', 'country', NULL, 0.003, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('FJ', 'Fiji', 'FJ', 'country', NULL, 0.003, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('LI', 'Liberia', 'LR', 'country', NULL, 0.003, 0.0, false,
	 'weight: small FMF cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('MP', 'Mauritius', 'MU', 'country', NULL, 0.003, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('PP', 'Papua New Guinea', 'PG', 'country', NULL, 0.003, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('RW', 'Rwanda', 'RW', 'country', NULL, 0.003, 0.0, false,
	 'weight: small peacekeeping-support cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('NS', 'Suriname', 'SR', 'country', NULL, 0.003, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('TZ', 'Tanzania', 'TZ', 'country', NULL, 0.003, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('ZA', 'Zambia', 'ZM', 'country', NULL, 0.003, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('AC', 'Antigua and Barbuda', 'AG', 'country', NULL, 0.002, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('AJ', 'Azerbaijan', 'AZ', 'country', NULL, 0.002, 0.0, false,
	 'weight: small maritime-security cases (Sec. 907 waiver; estimate); code unconfirmed: FIPS 10-4 pattern'),
	('BL', 'Bolivia', 'BO', 'country', NULL, 0.002, 0.0, false,
	 'weight: small legacy cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('CV', 'Cabo Verde', 'CV', 'country', NULL, 0.002, 0.0, false,
	 'weight: small maritime cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('DO', 'Dominica', 'DM', 'country', NULL, 0.002, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('GJ', 'Grenada', 'GD', 'country', NULL, 0.002, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('IC', 'Iceland', 'IS', 'country', NULL, 0.002, 0.0, false,
	 'weight: small coast guard cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('MA', 'Madagascar', 'MG', 'country', NULL, 0.002, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('MI', 'Malawi', 'MW', 'country', NULL, 0.002, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('WA', 'Namibia', 'NA', 'country', NULL, 0.002, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('SC', 'Saint Kitts and Nevis', 'KN', 'country', NULL, 0.002, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('ST', 'Saint Lucia', 'LC', 'country', NULL, 0.002, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('VC', 'Saint Vincent and the Grenadines', 'VC', 'country', NULL, 0.002, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('SE', 'Seychelles', 'SC', 'country', NULL, 0.002, 0.0, false,
	 'weight: small maritime cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('SL', 'Sierra Leone', 'SL', 'country', NULL, 0.002, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('TT', 'Timor-Leste', 'TL', 'country', NULL, 0.002, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('TN', 'Tonga', 'TO', 'country', NULL, 0.002, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('TX', 'Turkmenistan', 'TM', 'country', NULL, 0.002, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('UV', 'Burkina Faso', 'BF', 'country', NULL, 0.001, 0.0, false,
	 'weight: legacy open cases; assistance restricted after 2022 coups (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('BY', 'Burundi', 'BI', 'country', NULL, 0.001, 0.0, false,
	 'weight: small peacekeeping-support cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('WZ', 'Eswatini', 'SZ', 'country', NULL, 0.001, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('GB', 'Gabon', 'GA', 'country', NULL, 0.001, 0.0, false,
	 'weight: legacy open cases; assistance restricted after 2023 coup (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('GA', 'Gambia', 'GM', 'country', NULL, 0.001, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('GV', 'Guinea', 'GN', 'country', NULL, 0.001, 0.0, false,
	 'weight: legacy open cases; assistance restricted after 2021 coup (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('PU', 'Guinea-Bissau', 'GW', 'country', NULL, 0.001, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('LT', 'Lesotho', 'LS', 'country', NULL, 0.001, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('ML', 'Mali', 'ML', 'country', NULL, 0.001, 0.0, false,
	 'weight: legacy open cases; assistance restricted after 2020-21 coups (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('NG', 'Niger', 'NE', 'country', NULL, 0.001, 0.0, false,
	 'weight: legacy C-130/ISR cases; assistance restricted after 2023 coup (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('CF', 'Republic of the Congo', 'CG', 'country', NULL, 0.001, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('WS', 'Samoa', 'WS', 'country', NULL, 0.001, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('TP', 'Sao Tome and Principe', 'ST', 'country', NULL, 0.001, 0.0, false,
	 'weight: small maritime cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('BP', 'Solomon Islands', 'SB', 'country', NULL, 0.001, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('NH', 'Vanuatu', 'VU', 'country', NULL, 0.001, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern')
	) AS p(customer_code, name, country_code, kind, country_group, open_value_percent, fmf_share, accp_participant, source)
	$$;
COMMENT ON FUNCTION fms.sample_customer_profile() IS 'sample data: real Security Cooperation customers (codes per SAMM Table C4.T2, confirmed or following the FIPS 10-4 pattern), each with its estimated share of open FMS case value, FMF share and ACCP participation, and the source of each';

-- Public yearly figures the sample follows: FMS sales and DCS
-- authorizations by fiscal year, in U.S. dollars, each with its source.
-- Years between two figures are interpolated and years outside them carry
-- the nearest figure.
CREATE FUNCTION fms.sample_annual_figures()
	RETURNS TABLE (fiscal_year pg_catalog.int4, fms_sales_usd pg_catalog.numeric, dcs_authorized_usd pg_catalog.numeric,
	               source pg_catalog.text)
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT * FROM (VALUES
		(2017, 41.93e9, NULL::numeric, 'DSCA FY2017 sales (DSCA release via defense-aerospace.com)'),
		(2020, 50.78e9, NULL, 'implemented FMS, State Department FY2021 fact sheet (thefederalnewswire.com)'),
		(2021, 34.81e9, 103.4e9, 'implemented FMS and DCS authorized, State Department FY2021 fact sheet (thefederalnewswire.com)'),
		(2022, 51.9e9, NULL, 'FMS, State Department FY2023 report (vietnam.vn, citing it)'),
		(2023, 80.9e9, 157.5e9, 'FMS and DCS, State Department FY2024 report (TASS; European Pravda citing Reuters)'),
		(2024, 117.9e9, 200.8e9, 'FMS and DCS, State Department FY2024 report (TASS; European Pravda citing Reuters)')
	) AS f(fiscal_year, fms_sales_usd, dcs_authorized_usd, source)
	$$;
COMMENT ON FUNCTION fms.sample_annual_figures() IS 'sample data: FMS sales and DCS authorizations by fiscal year (public figures, each with its source) that the sample portfolio follows';

-- The figure for a fiscal year: interpolated between the nearest years
-- that have one, the nearest one outside them.
CREATE FUNCTION fms.sample_annual_figure(fiscal_year pg_catalog.int4, dcs pg_catalog.bool) RETURNS pg_catalog.numeric
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
	WITH known AS (
		SELECT f.fiscal_year AS fy, CASE WHEN $2 THEN f.dcs_authorized_usd ELSE f.fms_sales_usd END AS v
		  FROM fms.sample_annual_figures() AS f
		 WHERE CASE WHEN $2 THEN f.dcs_authorized_usd ELSE f.fms_sales_usd END IS NOT NULL),
	     lo AS (SELECT k.fy, k.v FROM known AS k WHERE k.fy OPERATOR(pg_catalog.<=) $1 ORDER BY k.fy DESC LIMIT 1),
	     hi AS (SELECT k.fy, k.v FROM known AS k WHERE k.fy OPERATOR(pg_catalog.>=) $1 ORDER BY k.fy LIMIT 1)
	SELECT CASE WHEN lo.fy IS NULL THEN hi.v
	            WHEN hi.fy IS NULL OR hi.fy OPERATOR(pg_catalog.=) lo.fy THEN lo.v
	            ELSE lo.v OPERATOR(pg_catalog.+) (((hi.v OPERATOR(pg_catalog.-) lo.v)
	                 OPERATOR(pg_catalog.*) ($1 OPERATOR(pg_catalog.-) lo.fy)) OPERATOR(pg_catalog./) (hi.fy OPERATOR(pg_catalog.-) lo.fy)) END
	  FROM (SELECT 1) AS one LEFT JOIN lo ON true LEFT JOIN hi ON true
	$$;
COMMENT ON FUNCTION fms.sample_annual_figure(pg_catalog.int4, pg_catalog.bool) IS 'sample data: the FMS sales (or, with dcs, DCS authorizations) the sample gives a fiscal year: the public figure, interpolated between years that have one, the nearest outside them';

-- The dates of every planned case from its gaps, its notification delay
-- and its outcome (a document cancelled takes no step after the state it
-- is cancelled from), and its status on as_of: the last step before it.
-- The policy periods in force (OED, closure timers) are read as
-- fms.policy_setting reads them, joined rather than called per row; each
-- step is kept a subquery of its own (OFFSET 0) so that the planner does
-- not copy its lookups into every expression that uses it.
CREATE FUNCTION fms.sample_plan_dates(as_of pg_catalog.date) RETURNS void
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	UPDATE sample_plan AS p
	   SET milap_on = CASE WHEN x.cut > 1 THEN a.milap END,
	       review_on = CASE WHEN x.cut > 1 THEN b.review END,
	       proposed_on = CASE WHEN x.cut > 3 THEN b.proposed END,
	       formal_on = CASE WHEN x.cut > 3 AND q.section IS NOT NULL AND NOT q.denied THEN b.proposed + q.g_formal END,
	       offered_on = CASE WHEN x.cut > 4 THEN c.offered END,
	       oed_on = CASE WHEN x.cut > 1 THEN b.oed END,
	       accepted_on = CASE WHEN x.cut > 5 THEN e.accepted END,
	       implemented_on = CASE WHEN x.cut > 5 THEN f.implemented END,
	       supply_complete_on = CASE WHEN x.cut > 5 THEN g.ssc END,
	       interim_closed_on = CASE WHEN x.cut > 5 THEN h.interim END,
	       closed_on = CASE WHEN x.cut > 5 THEN h.closed END,
	       cancelled_on = y.cancelled,
	       cancelled_from = x.cancelled_from,
	       -- the fiscal year whose FMS sales its value counts toward
	       fy = fms.fiscal_year(COALESCE(least(CASE WHEN x.cut > 5 THEN e.accepted END, as_of - 1), q.lor)),
	       status = CASE WHEN y.cancelled < as_of THEN 'cancelled'
	                     WHEN x.cut > 5 AND h.closed < as_of THEN 'closed'
	                     WHEN x.cut > 5 AND h.interim < as_of THEN 'interim_closed'
	                     WHEN x.cut > 5 AND g.ssc < as_of THEN 'supply_complete'
	                     WHEN x.cut > 5 AND f.implemented < as_of THEN 'implemented'
	                     WHEN x.cut > 5 AND e.accepted < as_of THEN 'accepted'
	                     WHEN x.cut > 4 AND c.offered < as_of THEN 'offered'
	                     WHEN x.cut > 3 AND b.proposed < as_of THEN 'proposed'
	                     WHEN x.cut > 1 AND b.review < as_of THEN 'review'
	                     WHEN x.cut > 1 AND a.milap < as_of THEN 'write'
	                     ELSE 'development' END
	  FROM sample_plan AS q
	 CROSS JOIN LATERAL (SELECT q.complete_on + round(q.target * q.milap_share)::int AS milap OFFSET 0) AS a
	 CROSS JOIN LATERAL (SELECT a.milap + q.g_review AS review, a.milap + q.g_review + q.g_proposed AS proposed,
	                            a.milap + COALESCE((SELECT s.value::int FROM fms.policy_settings AS s
	                                                 WHERE s.setting = 'standard_oed_days' AND s.valid_from <= a.milap
	                                                   AND (s.valid_to IS NULL OR s.valid_to > a.milap)), 85) AS oed OFFSET 0) AS b
	 CROSS JOIN LATERAL (SELECT b.proposed + q.g_offer + q.notice_delay AS offered OFFSET 0) AS c
	 CROSS JOIN LATERAL (SELECT c.offered + least(b.oed - c.offered,
	                                              10 + floor(q.accept_share * greatest(b.oed - c.offered - 10, 0))::int) AS accepted OFFSET 0) AS e
	 CROSS JOIN LATERAL (SELECT e.accepted + q.g_implement AS implemented OFFSET 0) AS f
	 CROSS JOIN LATERAL (SELECT f.implemented + q.g_supply AS ssc OFFSET 0) AS g
	 CROSS JOIN LATERAL (SELECT CASE WHEN q.accp THEN g.ssc + q.g_interim END AS interim OFFSET 0) AS h0
	 CROSS JOIN LATERAL (
		SELECT h0.interim,
		       greatest((g.ssc + make_interval(months => COALESCE(
		                    (SELECT s.value::int FROM fms.policy_settings AS s
		                      WHERE s.setting = CASE WHEN q.accp THEN 'accp_closure_months' ELSE 'closure_months_after_ssc' END
		                        AND s.valid_from <= g.ssc AND (s.valid_to IS NULL OR s.valid_to > g.ssc)), 0)))::date,
		                h0.interim + 10) + q.g_close AS closed OFFSET 0) AS h
	 CROSS JOIN LATERAL (
		SELECT c0.cancelled_from,
		       CASE c0.cancelled_from WHEN 'development' THEN 1 WHEN 'review' THEN 3 WHEN 'proposed' THEN 4 WHEN 'offered' THEN 5 ELSE 99 END AS cut
		  FROM (SELECT CASE WHEN q.denied THEN 'proposed'
		                    ELSE CASE q.outcome WHEN 'cancel_in_development' THEN 'development' WHEN 'stall_in_review' THEN 'review'
		                                        WHEN 'withdraw_when_proposed' THEN 'proposed' WHEN 'offer_expires' THEN 'offered' END
		               END AS cancelled_from) AS c0 OFFSET 0) AS x
	 CROSS JOIN LATERAL (
		SELECT CASE x.cancelled_from
		            WHEN 'development' THEN q.complete_on + 1 + floor(q.cancel_share * (a.milap - q.complete_on - 1))::int
		            WHEN 'review' THEN b.review + 365 + floor(q.cancel_share * 730)::int
		            WHEN 'proposed' THEN CASE WHEN q.denied THEN c.offered ELSE b.proposed + 20 + floor(q.cancel_share * 60)::int END
		            WHEN 'offered' THEN b.oed + 1 + floor(q.cancel_share * 30)::int END AS cancelled OFFSET 0) AS y
	 WHERE q.i = p.i;
END
$$;
COMMENT ON FUNCTION fms.sample_plan_dates(pg_catalog.date) IS 'used by fms.generate_sample_data: the dates and status on as_of of every planned case, from its gaps, notification delay and outcome';

-- Move every sample document that takes a step to its next state, each on
-- its own day: one UPDATE through the workflow (and its guards) per step.
CREATE FUNCTION fms.sample_step(document_table pg_catalog.regclass, to_state pg_catalog.text, date_column pg_catalog.text,
		condition pg_catalog.text, as_of pg_catalog.date, reason pg_catalog.text DEFAULT NULL,
		extra pg_catalog.text DEFAULT '')
	RETURNS void
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	plan_table text := CASE document_table WHEN 'fms.cases'::regclass THEN 'sample_plan'
	                                       WHEN 'fms.case_changes'::regclass THEN 'sample_changes'
	                                       WHEN 'fms.dcs_licenses'::regclass THEN 'sample_licences' END;
	key_match text := CASE document_table WHEN 'fms.cases'::regclass THEN 'd.case_id OPERATOR(fms.=) p.case_id'
	                                      WHEN 'fms.case_changes'::regclass THEN 'd.case_id OPERATOR(fms.=) p.case_id AND d.change_no = p.change_no'
	                                      WHEN 'fms.dcs_licenses'::regclass THEN 'd.license_no = p.license_no' END;
BEGIN
	PERFORM set_config('fms.reason', COALESCE(reason, ''), true);
	EXECUTE format('UPDATE %s AS d SET status = %L, status_since = p.%I%s FROM pg_temp.%I AS p WHERE %s AND p.%I < $1 AND (%s)',
	               document_table, to_state, date_column, extra, plan_table, key_match, date_column, condition)
	  USING as_of;
	PERFORM set_config('fms.reason', '', true);
END
$$;
COMMENT ON FUNCTION fms.sample_step(pg_catalog.regclass, pg_catalog.text, pg_catalog.text, pg_catalog.text, pg_catalog.date, pg_catalog.text, pg_catalog.text) IS 'used by fms.generate_sample_data: moves the sample documents a plan condition picks to a state, each on the date its plan gives, in one UPDATE through the workflow';

-- The planned cases written through the workflow: inserted in development
-- and itemized, then moved step by step; notifications before the offers
-- that wait for them, deliveries before supply complete, amendments and
-- modifications once implemented, payments once accepted.
CREATE FUNCTION fms.sample_write_cases(as_of pg_catalog.date) RETURNS void
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	ALTER TABLE sample_plan ADD COLUMN item_code text;
	UPDATE sample_plan AS p
	   SET item_code = (CASE p.agency WHEN 'D' THEN ARRAY['SAMPLE-FIGHTER', 'SAMPLE-AAM', 'SAMPLE-TANKER']
	                                  WHEN 'P' THEN ARRAY['SAMPLE-FRIGATE', 'SAMPLE-NAVAL-SAM', 'SAMPLE-HELICOPTER']
	                                  WHEN 'B' THEN ARRAY['SAMPLE-TANK', 'SAMPLE-ROCKET', 'SAMPLE-SAM', 'SAMPLE-HOWITZER']
	                                  ELSE ARRAY['SAMPLE-RADAR', 'SAMPLE-SATCOM'] END)
	                   [1 + floor(p.r_item * CASE p.agency WHEN 'B' THEN 4 WHEN 'F' THEN 2 ELSE 3 END)::int];

	INSERT INTO fms.cases (case_id, title, category, aod_group, lor_received_on, lor_complete_on,
	                       total_value_usd, mde_value_usd, design_construction_usd, funding_source, status_since)
	SELECT p.case_id, CASE WHEN p.mde > 0 THEN i.description ELSE 'Training, support and services (sample)' END,
	       CASE WHEN p.r_category < 0.85 THEN 'defined_order' ELSE 'blanket_order' END,
	       p.aod_group, p.lor, p.complete_on, p.total, p.mde, p.dc,
	       CASE WHEN p.r_funding < c.fmf_share THEN 'FMF' ELSE 'NATIONAL' END, p.complete_on
	  FROM sample_plan AS p
	  JOIN sample_customers AS c ON c.customer_code = p.customer_code
	  JOIN fms.items AS i ON i.item_code = p.item_code
	 ORDER BY p.case_id;
	INSERT INTO fms.case_lines (case_id, line_no, item_code, description, usml, quantity, unit, value_usd, sme, mde, design_construction)
	SELECT p.case_id, l.line_no, l.item_code, l.description, l.usml, l.quantity, l.unit, l.value_usd, l.sme, l.mde, l.dc
	  FROM sample_plan AS p
	  JOIN fms.items AS i ON i.item_code = p.item_code
	 CROSS JOIN LATERAL (VALUES
		(1, p.item_code, i.description, i.usml, (1 + floor(p.r_quantity * 24))::numeric, 'each', p.mde, true, true, false),
		(2, NULL, 'Design and construction', NULL, 1, 'lot', p.dc, false, false, true),
		(3, NULL, 'Spares, support, training and services', NULL, 1, 'lot', p.total - p.mde - p.dc, false, false, false))
	       AS l(line_no, item_code, description, usml, quantity, unit, value_usd, sme, mde, dc)
	 WHERE l.value_usd > 0
	 ORDER BY p.case_id, l.line_no;
	-- Statistics for the bulk statements that follow, which join these
	-- tables to the plan (an empty table's would make them quadratic).
	ANALYZE fms.cases, fms.case_lines;

	PERFORM fms.sample_step('fms.cases', 'write', 'milap_on', 'true', as_of);
	PERFORM fms.sample_step('fms.cases', 'cancelled', 'cancelled_on', $c$p.cancelled_from = 'development'$c$, as_of,
	                        'the purchaser withdrew the LOR (sample)');
	PERFORM fms.sample_step('fms.cases', 'review', 'review_on', 'true', as_of);
	PERFORM fms.sample_step('fms.cases', 'cancelled', 'cancelled_on', $c$p.cancelled_from = 'review'$c$, as_of,
	                        'stalled in review; the purchaser withdrew the LOR (sample)');
	PERFORM fms.sample_step('fms.cases', 'proposed', 'proposed_on', 'true', as_of);
	PERFORM fms.sample_notifications(as_of);
	PERFORM fms.sample_step('fms.cases', 'cancelled', 'cancelled_on', $c$p.cancelled_from = 'proposed' AND NOT p.denied$c$, as_of,
	                        'the purchaser withdrew the request (sample)');
	PERFORM fms.sample_step('fms.cases', 'cancelled', 'cancelled_on', 'p.denied', as_of,
	                        'not approved: the export rules deny the sale on its offer date (sample)');
	PERFORM fms.sample_step('fms.cases', 'offered', 'offered_on', 'true', as_of);
	PERFORM fms.sample_step('fms.cases', 'accepted', 'accepted_on', 'true', as_of);
	PERFORM fms.sample_step('fms.cases', 'cancelled', 'cancelled_on', $c$p.cancelled_from = 'offered'$c$, as_of,
	                        'the offer expired unaccepted (sample)');
	PERFORM fms.sample_step('fms.cases', 'implemented', 'implemented_on', 'true', as_of, NULL,
	                        ', deposit_received_on = greatest(p.accepted_on, p.implemented_on - 3)');
	PERFORM fms.sample_write_changes(as_of);

	-- Deliveries: every line of a supply-complete case delivered before it;
	-- half the equipment of an implemented case delivered, the rest planned.
	INSERT INTO fms.deliveries (case_id, line_no, planned_on, delivered_on, quantity, value_usd, reference)
	SELECT l.case_id, l.line_no, NULL, d.on_date, d.quantity, d.value_usd,
	       'SAMPLE-TCN-' || l.case_id::text || '-' || lpad(l.line_no::text, 3, '0')
	  FROM sample_plan AS p
	  JOIN fms.case_lines AS l ON l.case_id OPERATOR(fms.=) p.case_id AND l.change_no IS NULL
	 CROSS JOIN LATERAL (
		SELECT CASE WHEN p.supply_complete_on < as_of
		            THEN p.implemented_on + floor((p.supply_complete_on - p.implemented_on) * ((p.r_quantity::numeric + 0.37 * l.line_no) % 1))::int
		            ELSE p.implemented_on + floor((as_of - p.implemented_on) * ((p.r_quantity::numeric + 0.37 * l.line_no) % 1))::int END AS on_date,
		       CASE WHEN p.supply_complete_on < as_of THEN l.quantity ELSE floor(l.quantity / 2) END AS quantity,
		       CASE WHEN p.supply_complete_on < as_of THEN l.value_usd
		            ELSE round(l.value_usd * floor(l.quantity / 2) / l.quantity, 2) END AS value_usd) AS d
	 WHERE p.implemented_on < as_of AND p.cancelled_from IS NULL AND d.quantity > 0
	   AND (p.supply_complete_on < as_of OR l.mde)
	 ORDER BY l.case_id, l.line_no;
	INSERT INTO fms.deliveries (case_id, line_no, planned_on, quantity, value_usd)
	SELECT l.case_id, l.line_no, as_of + 30 + floor(p.r_quantity * 700)::int,
	       l.quantity - floor(l.quantity / 2), l.value_usd - round(l.value_usd * floor(l.quantity / 2) / l.quantity, 2)
	  FROM sample_plan AS p
	  JOIN fms.case_lines AS l ON l.case_id OPERATOR(fms.=) p.case_id AND l.change_no IS NULL
	 WHERE p.status = 'implemented' AND l.mde
	 ORDER BY l.case_id, l.line_no;
	ANALYZE fms.deliveries;

	PERFORM fms.sample_step('fms.cases', 'supply_complete', 'supply_complete_on', 'p.cancelled_from IS NULL', as_of);
	PERFORM fms.sample_step('fms.cases', 'interim_closed', 'interim_closed_on', 'p.cancelled_from IS NULL', as_of);
	PERFORM fms.sample_step('fms.cases', 'closed', 'closed_on', 'p.cancelled_from IS NULL', as_of);

	-- 30% on acceptance, then three half-yearly instalments (the last takes
	-- the cents); collected ten days after they fall due, one case in twenty
	-- 20% short.
	INSERT INTO fms.payment_schedule (case_id, due_on, amount_usd)
	SELECT p.case_id, (p.accepted_on + make_interval(months => 6 * k))::date,
	       CASE k WHEN 0 THEN round(p.total * 0.3, 2)
	              WHEN 3 THEN p.total - round(p.total * 0.3, 2) - 2 * round(p.total * 0.7 / 3, 2)
	              ELSE round(p.total * 0.7 / 3, 2) END
	  FROM sample_plan AS p, generate_series(0, 3) AS k
	 WHERE p.accepted_on < as_of AND p.cancelled_from IS NULL AND p.total >= 1
	 ORDER BY p.case_id, k;
	INSERT INTO fms.collections (case_id, received_on, amount_usd, reference)
	SELECT s.case_id, s.due_on + 10,
	       CASE WHEN (p.r_funding::numeric * 20) % 1 < 0.05 THEN round(s.amount_usd * 0.8, 2) ELSE s.amount_usd END,
	       'SAMPLE-WIRE-' || s.case_id::text || '-' || to_char(s.due_on, 'YYYYMMDD')
	  FROM fms.payment_schedule AS s
	  JOIN sample_plan AS p ON p.case_id OPERATOR(fms.=) s.case_id
	 WHERE s.due_on + 10 < as_of
	 ORDER BY s.case_id, s.due_on;
END
$$;
COMMENT ON FUNCTION fms.sample_write_cases(pg_catalog.date) IS 'used by fms.generate_sample_data: writes the planned cases through the workflow, step by step, with their lines, notifications, changes, deliveries and payments';

-- The 36(b)(1) notifications of the planned cases that need one: the
-- informal review before the formal notification, as of as_of; transmittal
-- numbers count up through each calendar year.  The form has room for 999
-- a year: a portfolio scaled far beyond the real one (for benchmarks) sends
-- more, and those beyond it go without a number.
CREATE FUNCTION fms.sample_notifications(as_of pg_catalog.date) RETURNS void
	LANGUAGE sql
	SET search_path = pg_catalog, pg_temp
	AS $$
	INSERT INTO fms.congressional_notifications (case_id, transmittal_no, section, informal_sent_on, formal_sent_on, review_days, status)
	SELECT n.case_id,
	       CASE WHEN n.formal_on < as_of AND n.nth <= 999 THEN to_char(n.formal_on, 'YY') || '-' || n.nth END,
	       n.section, n.informal_on, CASE WHEN n.formal_on < as_of THEN n.formal_on END, n.review_days,
	       CASE WHEN n.formal_on >= as_of THEN 'informal_review'
	            WHEN n.formal_on + n.review_days > as_of THEN 'formal_review' ELSE 'cleared' END
	  FROM (SELECT p.case_id, p.section, p.formal_on, p.review_days,
	               CASE WHEN p.informal_days > 0 THEN p.formal_on - p.informal_days - floor(p.r_funding * 6)::int END AS informal_on,
	               row_number() OVER (PARTITION BY p.formal_on < as_of, extract(year FROM p.formal_on) ORDER BY p.formal_on, p.case_id) AS nth
	          FROM sample_plan AS p
	         WHERE p.formal_on IS NOT NULL) AS n
	 WHERE COALESCE(n.informal_on, n.formal_on) < as_of
	 ORDER BY n.case_id
	$$;
COMMENT ON FUNCTION fms.sample_notifications(pg_catalog.date) IS 'used by fms.generate_sample_data: the 36(b)(1) notifications of the planned cases that need one, as they stand on as_of';

-- Amendments (10% of implemented cases; 2% of them large enough to need a
-- 36(b)(5)(C) notification, the others below every threshold) and
-- modifications (15%), written through their machines while the case is
-- implemented.  Their values are typed: they have no lines of their own.
CREATE FUNCTION fms.sample_write_changes(as_of pg_catalog.date) RETURNS void
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	CREATE TEMP TABLE sample_changes ON COMMIT DROP AS
	SELECT p.case_id, c.change_no, c.lor,
	       c.lor + 5 AS complete_on,
	       c.lor + 15 + floor(p.r_change_size * 20)::int AS milap_on,
	       CASE WHEN c.change_no = 'A1' AND p.r_change_size < 0.02
	            THEN greatest(round(p.total * 0.2, 2), 120e6)
	            WHEN c.change_no = 'A1' THEN round(least(p.total * (0.02 + 0.08 * p.r_change_day::numeric), 40e6), 2)
	            ELSE round((p.r_change_size::numeric - 0.5) * least(p.total * 0.04, 2e6), 2) END AS total,
	       CASE WHEN c.change_no = 'A1' AND p.r_change_size < 0.02 THEN round(greatest(round(p.total * 0.2, 2), 120e6) * 0.5, 2)
	            ELSE 0 END AS mde,
	       p.r_quantity AS r,
	       NULL::text AS section, NULL::int AS review_days,
	       NULL::date AS review_on, NULL::date AS proposed_on, NULL::date AS formal_on, NULL::date AS offered_on,
	       NULL::date AS accepted_on, NULL::date AS implemented_on
	  FROM sample_plan AS p
	 CROSS JOIN LATERAL (VALUES ('A1', p.r_amend < 0.10), ('M1', p.r_modify < 0.15)) AS w(change_no, wanted)
	 CROSS JOIN LATERAL (SELECT w.change_no, p.implemented_on + 30 + floor(p.r_change_day * 400)::int AS lor) AS c
	 WHERE w.wanted AND p.cancelled_from IS NULL AND p.implemented_on < as_of
	   AND c.lor + 5 < least(as_of, p.supply_complete_on);
	UPDATE sample_changes AS x
	   SET section = CASE WHEN n.required THEN n.section END, review_days = n.review_days
	  FROM sample_changes AS y
	 CROSS JOIN LATERAL fms.document_requirement(y.case_id, y.change_no, y.total, y.mde, 0, NULL, y.milap_on + 8) AS n
	 WHERE y.case_id OPERATOR(fms.=) x.case_id AND y.change_no = x.change_no AND y.change_no = 'A1' AND y.mde > 0;
	UPDATE sample_changes AS x
	   SET review_on = x.milap_on + 3, proposed_on = x.milap_on + 6,
	       formal_on = CASE WHEN x.section IS NOT NULL THEN x.milap_on + 7 END,
	       offered_on = CASE WHEN x.change_no = 'A1' THEN x.milap_on + 8 + COALESCE(x.review_days + 1, 0) END,
	       accepted_on = CASE WHEN x.change_no = 'A1' THEN x.milap_on + 18 + COALESCE(x.review_days + 1, 0) + floor(x.r * 30)::int END,
	       implemented_on = x.milap_on + 25 + COALESCE(x.review_days + 1, 0) + floor(x.r * 40)::int;

	INSERT INTO fms.case_changes (case_id, change_no, title, aod_group, lor_received_on, lor_complete_on, total_value_usd,
	                              mde_value_usd, status_since)
	SELECT x.case_id, x.change_no, CASE WHEN x.change_no = 'A1' THEN 'Added quantities and support (sample)' ELSE 'Administrative modification (sample)' END,
	       'B', x.lor, x.complete_on, x.total, x.mde, x.complete_on
	  FROM sample_changes AS x
	 ORDER BY x.case_id, x.change_no;
	ANALYZE sample_changes, fms.case_changes;
	PERFORM fms.sample_step('fms.case_changes', 'write', 'milap_on', 'true', as_of);
	PERFORM fms.sample_step('fms.case_changes', 'review', 'review_on', 'true', as_of);
	PERFORM fms.sample_step('fms.case_changes', 'proposed', 'proposed_on', 'true', as_of);
	INSERT INTO fms.congressional_notifications (case_id, change_no, transmittal_no, section, formal_sent_on, review_days, status)
	SELECT x.case_id, x.change_no,
	       -- 260 numbers a year (0A to 9Z); as for 36(b)(1), a scaled portfolio's surplus goes without.
	       CASE WHEN k.n < 260 THEN to_char(x.formal_on, 'YY') || '-' || substr('0123456789', 1 + k.n / 26, 1) || substr('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 1 + k.n % 26, 1) END,
	       x.section, x.formal_on, x.review_days,
	       CASE WHEN x.formal_on + x.review_days > as_of THEN 'formal_review' ELSE 'cleared' END
	  FROM sample_changes AS x
	 CROSS JOIN LATERAL (SELECT (SELECT count(*) FROM sample_changes AS y
	                              WHERE y.formal_on < as_of AND extract(year FROM y.formal_on) = extract(year FROM x.formal_on)
	                                AND (y.formal_on, y.case_id::text) < (x.formal_on, x.case_id::text))::int AS n) AS k
	 WHERE x.formal_on < as_of
	 ORDER BY x.case_id;
	PERFORM fms.sample_step('fms.case_changes', 'offered', 'offered_on', 'true', as_of);
	PERFORM fms.sample_step('fms.case_changes', 'accepted', 'accepted_on', 'true', as_of);
	PERFORM fms.sample_step('fms.case_changes', 'implemented', 'implemented_on', 'true', as_of);
END
$$;
COMMENT ON FUNCTION fms.sample_write_changes(pg_catalog.date) IS 'used by fms.generate_sample_data: amendments and modifications of the implemented sample cases, through their machines, with the 36(b)(5)(C) notifications large amendments need';

-- DCS licences of the last full fiscal year and of the current one (the
-- views compare the two), and those received in the 45 days before, so
-- that the first decisions of the year are there too: 30,000 a full year
-- per 16,000 cases.  Most are small (log-normal, median $200,000); 0.4%
-- are very large (median $400 million), so that the 36(c) notifications
-- number about a hundred a year; the approvals decided in the last full
-- fiscal year are scaled to that year's DCS figure per 16,000 cases.
-- Destinations are the sample's country customers, by their share.
CREATE FUNCTION fms.sample_write_licences(per_16000 pg_catalog.numeric, as_of pg_catalog.date) RETURNS void
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	fy_now int := fms.fiscal_year(as_of);
	window_start date := make_date(fy_now - 2, 10, 1) - 45;
	last_fy_start date := make_date(fy_now - 2, 10, 1);
	last_fy_end date := make_date(fy_now - 1, 10, 1);
	how_many int := round(30000 * per_16000 * (as_of - window_start) / 365.0)::int;
	countries text[];
	country_upto float8[];
	country_from float8[];
BEGIN
	-- Destinations: the country customers by share, drawn by binary search.
	SELECT array_agg(c.country_code ORDER BY c.rank), array_agg(c.upto ORDER BY c.rank)
	  INTO countries, country_upto
	  FROM (SELECT c.country_code, row_number() OVER (ORDER BY c.weight DESC, c.customer_code) AS rank,
	               (sum(c.weight) OVER (ORDER BY c.weight DESC, c.customer_code) / sum(c.weight) OVER ())::float8 AS upto
	          FROM sample_customers AS c WHERE c.country_code IS NOT NULL) AS c;
	-- lower bounds: 0, then each country's predecessor's upper bound
	country_from := array_prepend(0::float8, country_upto[1:cardinality(country_upto) - 1]);
	CREATE TEMP TABLE sample_licences ON COMMIT DROP AS
	WITH draw AS (
		SELECT i, random() AS r_form, random() AS r_country, random() AS r_usml, random() AS r_value1, random() AS r_value2,
		       random() AS r_big, random() AS r_outcome, random() AS r_day, random() AS r1, random() AS r2, random() AS r3
		  FROM generate_series(1, how_many) AS i)
	SELECT d.i, lpad(d.i::text, 9, '0') AS license_no,
	       CASE WHEN d.r_form < 0.55 THEN 'DSP-5' WHEN d.r_form < 0.75 THEN 'TAA' WHEN d.r_form < 0.87 THEN 'DSP-73'
	            WHEN d.r_form < 0.91 THEN 'DSP-61' WHEN d.r_form < 0.94 THEN 'DSP-85' WHEN d.r_form < 0.998 THEN 'WDA'
	            ELSE 'MLA' END AS form,
	       'Sample exporter ' || (1 + floor(d.r1 * 300)::int) AS applicant,
	       countries[width_bucket(d.r_country, country_from)] AS country_code,
	       ARRAY[(ARRAY['IV(a)', 'VIII(h)', 'XI(a)', 'XII(c)', 'VII(g)', 'VI(f)', 'XIII(b)', 'III(a)', 'XV(e)', 'X(a)'])
	             [1 + floor(d.r_usml * 10)::int]::fms.usml] AS usml,
	       CASE WHEN d.r_big < 0.004
	            THEN exp(ln(4e8) + 1.2 * greatest(-4, least(4, sqrt(-2 * ln(greatest(d.r_value1, 1e-12))) * cos(2 * pi() * d.r_value2))))
	            ELSE exp(ln(2e5) + 1.8 * greatest(-4, least(4, sqrt(-2 * ln(greatest(d.r_value1, 1e-12))) * cos(2 * pi() * d.r_value2)))) END::numeric AS raw_value,
	       CASE WHEN d.r_outcome < 0.02 THEN 'denied' WHEN d.r_outcome < 0.05 THEN 'returned_without_action'
	            WHEN d.r_outcome < 0.25 THEN 'approved_with_provisos' ELSE 'approved' END AS outcome,
	       window_start + floor(d.r_day * (as_of - window_start))::int AS submitted_on,
	       1 + floor(d.r2 * 4)::int AS g_review,
	       5 + floor(d.r2 * d.r3 * 60)::int AS g_decide,
	       2 + floor(d.r3 * 8)::int AS g_formal,
	       NULL::numeric AS value_usd, NULL::text AS section, NULL::int AS review_days,
	       NULL::date AS in_review_on, NULL::date AS formal_on, NULL::date AS decided_on
	  FROM draw AS d;
	UPDATE sample_licences AS l
	   SET in_review_on = l.submitted_on + l.g_review, decided_on = l.submitted_on + l.g_review + l.g_decide;
	-- Scale: the approvals of the last full fiscal year make its DCS figure.
	UPDATE sample_licences AS l
	   SET value_usd = round(l.raw_value * s.factor, 2)
	  FROM (SELECT fms.sample_annual_figure(fy_now - 1, true) * per_16000 / sum(x.raw_value) AS factor
	          FROM sample_licences AS x
	         WHERE x.outcome IN ('approved', 'approved_with_provisos')
	           AND x.decided_on >= last_fy_start AND x.decided_on < last_fy_end) AS s;
	-- A destination the rules deny on the decision day is denied.
	UPDATE sample_licences AS l SET outcome = 'denied'
	 WHERE l.outcome IN ('approved', 'approved_with_provisos')
	   AND EXISTS (SELECT FROM fms.destination_findings(l.country_code, CASE WHEN l.form = 'MLA' THEN 'MLA' ELSE 'DCS' END,
	                                                    l.decided_on) AS f
	                WHERE f.severity = 'deny')
	   AND l.country_code IN (SELECT m.country_code FROM fms.country_group_members AS m WHERE m.group_code LIKE 'ITAR%');
	-- 36(c) and 36(d): notified a few days into the review, decided no
	-- earlier than the day the formal review has run.
	UPDATE sample_licences AS l
	   SET section = n.section, review_days = n.review_days,
	       formal_on = l.in_review_on + l.g_formal,
	       decided_on = greatest(l.decided_on, l.in_review_on + l.g_formal + n.review_days)
	  FROM sample_licences AS x
	 CROSS JOIN LATERAL fms.notification_requirement(x.country_code, CASE WHEN x.form = 'MLA' THEN 'MLA' ELSE 'DCS' END,
	                                                 x.value_usd, NULL, NULL, x.usml, x.decided_on) AS n
	 WHERE x.i = l.i AND n.required AND x.outcome IN ('approved', 'approved_with_provisos')
	   AND (x.value_usd >= 1e6 OR x.form = 'MLA');

	INSERT INTO fms.dcs_licenses (license_no, form, applicant, country_code, usml, value_usd, status_since)
	SELECT l.license_no, l.form, l.applicant, l.country_code, l.usml, l.value_usd, l.submitted_on
	  FROM sample_licences AS l
	 WHERE l.submitted_on < as_of
	 ORDER BY l.license_no;
	ANALYZE sample_licences, fms.dcs_licenses;
	PERFORM fms.sample_step('fms.dcs_licenses', 'in_review', 'in_review_on', 'true', as_of);
	INSERT INTO fms.congressional_notifications (license_no, section, formal_sent_on, review_days, status)
	SELECT l.license_no, l.section, l.formal_on, l.review_days,
	       CASE WHEN l.formal_on + l.review_days > as_of THEN 'formal_review' ELSE 'cleared' END
	  FROM sample_licences AS l
	 WHERE l.section IS NOT NULL AND l.formal_on < as_of
	 ORDER BY l.license_no;
	PERFORM fms.sample_step('fms.dcs_licenses', 'approved', 'decided_on', $c$p.outcome = 'approved'$c$, as_of);
	PERFORM fms.sample_step('fms.dcs_licenses', 'approved_with_provisos', 'decided_on', $c$p.outcome = 'approved_with_provisos'$c$, as_of);
	PERFORM fms.sample_step('fms.dcs_licenses', 'denied', 'decided_on', $c$p.outcome = 'denied'$c$, as_of,
	                        'denied: the destination or the end use is not approved (sample)');
	PERFORM fms.sample_step('fms.dcs_licenses', 'returned_without_action', 'decided_on', $c$p.outcome = 'returned_without_action'$c$, as_of,
	                        'returned without action: the application was incomplete (sample)');
END
$$;
COMMENT ON FUNCTION fms.sample_write_licences(pg_catalog.numeric, pg_catalog.date) IS 'used by fms.generate_sample_data: DCS licences of the last full and the current fiscal year, through their machine, with the 36(c) and 36(d) notifications the rules require';

-- Production capacity for the categories the sample delivers under, so
-- that fms.supply_load has something to weigh: a quarter's capacity is a
-- margin over the larger of the mean value the category delivered per
-- quarter in the two years before as_of and the mean scheduled per quarter
-- in the two years after, from the start of the fiscal year before.  The
-- margin is thin for missiles (IV) and vessels (VI), the munitions and
-- shipbuilding whose industrial base the reform names as at risk of
-- overheating, so that the demo shows what a shortfall looks like.  Not
-- real figures: the source says so.
CREATE FUNCTION fms.sample_write_capacity(as_of pg_catalog.date) RETURNS void
	LANGUAGE sql
	SET search_path = pg_catalog, pg_temp
	AS $$
	INSERT INTO fms.production_capacity (usml_category, valid_from, capacity_usd_per_quarter, source)
	SELECT d.usml_category, make_date(fms.fiscal_year(as_of) - 2, 10, 1),
	       round(greatest(d.delivered, d.scheduled) / 8 * CASE WHEN d.usml_category IN (4, 6) THEN 0.9 ELSE 1.5 END, -3),
	       'sample: ' || CASE WHEN d.usml_category IN (4, 6) THEN '90%' ELSE '150%' END
	       || ' of the larger of the mean quarterly deliveries of the two years before ' || as_of
	       || ' and the mean scheduled in the two years after'
	       || CASE WHEN d.usml_category IN (4, 6) THEN ' (a thin margin, to show overheating)' ELSE '' END
	  FROM (SELECT c.usml_category, sum(c.delivered) AS delivered, sum(c.scheduled) AS scheduled
	          FROM (SELECT f.usml_category, f.delivered_usd AS delivered, 0 AS scheduled
	                  FROM fms.category_flows AS f
	                 WHERE f.usml_category IS NOT NULL AND f.on_date >= as_of - 730 AND f.on_date < as_of
	                UNION ALL
	                SELECT fms.usml_category(l.usml), 0, e.value_usd
	                  FROM fms.deliveries AS e
	                  JOIN fms.case_lines_as_of(as_of) AS l ON l.case_id OPERATOR(fms.=) e.case_id AND l.line_no = e.line_no
	                 WHERE e.delivered_on IS NULL AND e.planned_on < as_of + 730 AND l.usml IS NOT NULL) AS c
	         GROUP BY 1) AS d
	 WHERE greatest(d.delivered, d.scheduled) > 0
	 ORDER BY d.usml_category
	$$;
COMMENT ON FUNCTION fms.sample_write_capacity(pg_catalog.date) IS 'used by fms.generate_sample_data: a production capacity for each category the sample delivers under, a margin over the larger of its deliveries of the two years before as_of and those scheduled in the two after (thin for categories IV and VI)';

CREATE FUNCTION fms.generate_sample_data(cases pg_catalog.int4 DEFAULT 16000, seed pg_catalog.int4 DEFAULT 1,
		as_of pg_catalog.date DEFAULT fms.today())
	RETURNS TABLE (what pg_catalog.text, how_many pg_catalog.int8)
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	round int;
	changed bigint;
	newly_denied bigint;
	open_factor numeric;
	customer_codes text[];
	customer_from float8[];
	per_16000 numeric := cases / 16000.0;
	fy_now int;
	pool int;
	open_target numeric;
	last_case int;
	licences int;
	saved_reason text := current_setting('fms.reason', true);
	agencies constant text := 'BPDF';
	base36 constant text := '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
BEGIN
	IF cases IS NULL OR seed IS NULL OR as_of IS NULL THEN
		RAISE EXCEPTION 'sample data needs a number of open cases, a seed and an as-of date, not NULL'
			USING ERRCODE = 'null_value_not_allowed',
			      HINT = 'Leave an argument out for its default: 16,000 open cases, seed 1, as of today (fms.today()).';
	END IF;
	IF cases < 1 OR cases > 1000000 THEN
		RAISE EXCEPTION 'cannot generate % open sample cases', cases
			USING ERRCODE = 'invalid_parameter_value',
			      DETAIL = 'The sample holds 1 to 1,000,000 open cases; 16,000 is the size of the real open portfolio.',
			      HINT = 'Ask for 1 to 1,000,000 open cases.';
	END IF;
	IF NOT isfinite(as_of) OR as_of < date '1996-01-01' OR as_of > date '2200-01-01' THEN
		RAISE EXCEPTION 'cannot generate sample data as of %', as_of
			USING ERRCODE = 'invalid_parameter_value',
			      DETAIL = 'The sample''s history runs over the twenty October-September fiscal years before its as-of date, which begin with FY1977.',
			      HINT = 'Give an as-of date from 1996 to 2200, e.g. current_date.';
	END IF;
	IF EXISTS (SELECT FROM fms.cases) OR EXISTS (SELECT FROM fms.dcs_licenses) OR EXISTS (SELECT FROM fms.production_capacity) THEN
		RAISE EXCEPTION 'fms.cases, fms.dcs_licenses or fms.production_capacity is not empty'
			USING ERRCODE = 'object_not_in_prerequisite_state',
			      HINT = 'Generate sample data into a database of its own.';
	END IF;
	-- The plan tables are rewritten whole many times over: with their dead
	-- versions some 200 MB per 16,000 open cases.  Local buffers that hold
	-- them spare writing them out (3 of the 16,000-case sample's 46 s, up
	-- to 1 GB for 65,536 cases and more).  A session sizes its local
	-- buffers at its first temporary table, and keeps the size; where it
	-- has had one, the sample is the same, only slower.
	IF pg_size_bytes(current_setting('temp_buffers')) < 16384 * least(cases, 65536)::bigint THEN
		BEGIN
			PERFORM set_config('temp_buffers', (16 * least(cases, 65536))::text || 'kB', false);
		EXCEPTION WHEN invalid_parameter_value THEN
			NULL;
		END;
	END IF;
	fy_now := fms.fiscal_year(as_of);
	pool := ceil(cases * 2.6)::int + 400;
	open_target := 903e9 * per_16000;
	PERFORM setseed(((seed % 1000000) + 0.5) / 1000001.0);

	-- Customers and the sample's items.
	INSERT INTO fms.customers (customer_code, name, kind, country_code, country_group, accp_participant)
	SELECT p.customer_code, p.name, p.kind, p.country_code, p.country_group, p.accp_participant
	  FROM fms.sample_customer_profile() AS p
	 WHERE p.country_code IS NULL OR p.country_code IN (SELECT c.country_code FROM fms.countries AS c)
	ON CONFLICT DO NOTHING;
	INSERT INTO fms.items (item_code, description, usml, sme, sme_source, mde, mde_source)
	SELECT i.item_code, i.description || ' (sample item)', i.usml::fms.usml, true, 'USML ' || i.usml || ', asterisked',
	       true, 'illustrative: production cost above $200 million'
	  FROM (VALUES ('SAMPLE-FIGHTER', 'Combat aircraft', 'VIII(a)'), ('SAMPLE-AAM', 'Air-to-air missile', 'IV(a)'),
	               ('SAMPLE-TANKER', 'Tanker aircraft', 'VIII(a)'), ('SAMPLE-FRIGATE', 'Frigate', 'VI(a)'),
	               ('SAMPLE-NAVAL-SAM', 'Naval air defense missile', 'IV(a)'), ('SAMPLE-HELICOPTER', 'Maritime helicopter', 'VIII(a)'),
	               ('SAMPLE-TANK', 'Main battle tank', 'VII(a)'), ('SAMPLE-ROCKET', 'Rocket artillery system', 'IV(a)'),
	               ('SAMPLE-SAM', 'Air and missile defense system', 'IV(a)'), ('SAMPLE-HOWITZER', 'Self-propelled howitzer', 'II(a)'),
	               ('SAMPLE-RADAR', 'Surveillance radar', 'XI(a)'), ('SAMPLE-SATCOM', 'Military satellite terminal', 'XI(a)'))
	       AS i(item_code, description, usml)
	ON CONFLICT DO NOTHING;

	-- The customers drawn from: cumulative shares over those loaded.
	CREATE TEMP TABLE sample_customers ON COMMIT DROP AS
	SELECT c.customer_code, p.fmf_share, c.accp_participant AS accp, p.country_code, p.open_value_percent AS weight,
	       row_number() OVER (ORDER BY p.open_value_percent DESC, c.customer_code)::int AS rank,
	       (sum(p.open_value_percent) OVER (ORDER BY p.open_value_percent DESC, c.customer_code)
	        / sum(p.open_value_percent) OVER ())::float8 AS upto,
	       fms.destination_country(c.customer_code, as_of) IN
	       (SELECT m.country_code FROM fms.country_group_members AS m WHERE m.group_code LIKE 'ITAR%') AS sensitive
	  FROM fms.sample_customer_profile() AS p
	  JOIN fms.customers AS c ON c.customer_code = p.customer_code;
	-- Drawn by binary search: a draw in [from, next from) picks a customer.
	SELECT array_agg(c.customer_code ORDER BY c.rank), array_agg(c.upto - c.weight / t.total ORDER BY c.rank)
	  INTO customer_codes, customer_from
	  FROM sample_customers AS c, (SELECT sum(weight) AS total FROM sample_customers) AS t;
	customer_from[1] := 0;

	-- The draws, in one ordered pass, and the plan of every candidate case:
	-- who, what, and the gaps between its steps, in days.
	CREATE TEMP TABLE sample_plan ON COMMIT DROP AS
	WITH draw AS (
		SELECT i, random() AS r_customer, random() AS r_agency, random() AS r_group, random() AS r_year,
		       random() AS r_day, random() AS r_value1, random() AS r_value2, random() AS r_mde, random() AS r_dc,
		       random() AS r_late, random() AS r_outcome, random() AS r1, random() AS r2, random() AS r3,
		       random() AS r4, random() AS r5, random() AS r6, random() AS r7, random() AS r8, random() AS r9,
		       random() AS r_funding, random() AS r_item, random() AS r_quantity, random() AS r_category,
		       random() AS r_amend, random() AS r_modify, random() AS r_change_day, random() AS r_change_size
		  FROM generate_series(1, pool) AS i),
	     years AS (
		SELECT y.fy, make_date(y.fy - 1, 10, 1) AS starts_on, least(make_date(y.fy, 10, 1), as_of) AS ends_on,
		       fms.sample_annual_figure(y.fy, false)
		       * (least(make_date(y.fy, 10, 1), as_of) - make_date(y.fy - 1, 10, 1)) / 365.0 AS weight
		  FROM generate_series(fy_now - 19, fy_now) AS y(fy)),
	     year_upto AS (
		SELECT y.*, sum(y.weight) OVER (ORDER BY y.fy) / sum(y.weight) OVER () AS upto FROM years AS y)
	SELECT d.i,
	       customer_codes[CASE WHEN d.i <= 3 * cardinality(customer_codes) THEN 1 + (d.i - 1) % cardinality(customer_codes)
	                           ELSE width_bucket(d.r_customer, customer_from) END] AS customer_code,
	       CASE WHEN d.r_agency < 0.34 THEN 'B' WHEN d.r_agency < 0.64 THEN 'P' WHEN d.r_agency < 0.94 THEN 'D' ELSE 'F' END AS agency,
	       CASE WHEN d.r_group < 0.3 THEN 'A' WHEN d.r_group < 0.8 THEN 'B' ELSE 'C' END AS aod_group,
	       y.starts_on + floor(d.r_day * (y.ends_on - y.starts_on))::int AS lor,
	       3 + floor(d.r1 * 28)::int AS g_complete,
	       -- log-normal (Box-Muller), median $150,000 before scaling, sigma 4.5, cut at 3 sigma
	       -- (no case below $25,000 once scaled)
	       exp(ln(1.5e5) + 4.5 * greatest(-3.0, least(3.0, sqrt(-2 * ln(greatest(d.r_value1, 1e-12))) * cos(2 * pi() * d.r_value2))))::numeric AS raw_total,
	       (CASE WHEN d.r_mde < 0.6 THEN 0.2 + 0.5 * d.r2 ELSE 0 END)::numeric AS mde_share,
	       (CASE WHEN d.r_dc < 0.08 THEN 0.15 * d.r3 ELSE 0 END)::numeric AS dc_share,
	       CASE WHEN d.r_late < 0.85 THEN 0.5 + 0.35 * d.r4 ELSE 0.9 + 0.9 * d.r4 END AS milap_share,
	       2 + floor(d.r5 * 6)::int AS g_review,
	       2 + floor(d.r6 * 8)::int AS g_proposed,
	       2 + floor(d.r7 * 9)::int AS g_offer,
	       d.r8 AS accept_share,
	       5 + floor(d.r9 * 40)::int AS g_implement,
	       floor(365 * (3 + 15 * d.r1 * sqrt(d.r1)))::int AS g_supply,
	       30 + floor(d.r2 * 150)::int AS g_interim,
	       10 + floor(d.r3 * 900)::int AS g_close,
	       CASE WHEN d.r_outcome < 0.03 THEN 'cancel_in_development' WHEN d.r_outcome < 0.06 THEN 'stall_in_review'
	            WHEN d.r_outcome < 0.08 THEN 'withdraw_when_proposed' WHEN d.r_outcome < 0.10 THEN 'offer_expires'
	            ELSE 'complete' END AS outcome,
	       d.r5 AS cancel_share,
	       d.r_funding, d.r_item, d.r_quantity, d.r_category, d.r_amend, d.r_modify, d.r_change_day, d.r_change_size,
	       0 AS notice_delay,
	       NULL::text AS section, NULL::int AS review_days, NULL::int AS informal_days, 1 + floor(d.r6 * 5)::int AS g_formal,
	       false AS denied
	  FROM draw AS d
	  JOIN year_upto AS y ON y.upto >= d.r_year AND y.upto - y.weight / (SELECT sum(weight) FROM years) < d.r_year;
	ALTER TABLE sample_plan ADD COLUMN case_id fms.case_id, ADD COLUMN accp bool, ADD COLUMN target int,
		ADD COLUMN complete_on date, ADD COLUMN milap_on date, ADD COLUMN review_on date, ADD COLUMN proposed_on date,
		ADD COLUMN formal_on date, ADD COLUMN offered_on date, ADD COLUMN oed_on date, ADD COLUMN accepted_on date,
		ADD COLUMN implemented_on date, ADD COLUMN supply_complete_on date, ADD COLUMN interim_closed_on date,
		ADD COLUMN closed_on date, ADD COLUMN cancelled_on date, ADD COLUMN cancelled_from text, ADD COLUMN status text,
		ADD COLUMN selected bool NOT NULL DEFAULT false, ADD COLUMN fy int,
		ADD COLUMN total numeric, ADD COLUMN mde numeric, ADD COLUMN dc numeric;
	UPDATE sample_plan AS p
	   SET accp = c.accp, complete_on = p.lor + p.g_complete,
	       target = COALESCE((SELECT t.target_days FROM fms.lead_time_targets AS t
	                         WHERE t.aod_group = p.aod_group AND t.document_kind = 'loa' AND t.valid_from <= p.lor + p.g_complete
	                           AND (t.valid_to IS NULL OR t.valid_to > p.lor + p.g_complete)), 100)
	  FROM sample_customers AS c WHERE c.customer_code = p.customer_code;
	DELETE FROM sample_plan AS p WHERE p.complete_on >= as_of;
	CREATE UNIQUE INDEX ON sample_plan (i);
	ANALYZE sample_plan;

	-- Dates from the gaps (run again once notifications delay some offers).
	PERFORM fms.sample_plan_dates(as_of);

	-- The cases: the first `cases` candidates open on as_of, and the closed
	-- and cancelled ones drawn among them.
	SELECT max(o.i) INTO last_case
	  FROM (SELECT p.i FROM sample_plan AS p WHERE p.status <> ALL (ARRAY['closed', 'cancelled']) ORDER BY p.i LIMIT cases) AS o;
	UPDATE sample_plan AS p SET selected = true WHERE p.i <= last_case;
	DELETE FROM sample_plan AS p WHERE NOT p.selected;
	-- Identifiers: designators count up in base 36 per customer and agency.
	UPDATE sample_plan AS p
	   SET case_id = fms.make_case_id(p.customer_code, p.agency,
	                                  substr(base36, 1 + n.k / 1296 % 36, 1) || substr(base36, 1 + n.k / 36 % 36, 1)
	                                  || substr(base36, 1 + n.k % 36, 1))
	  FROM (SELECT q.i, row_number() OVER (PARTITION BY q.customer_code, q.agency ORDER BY q.i)::int - 1 AS k
	          FROM sample_plan AS q) AS n
	 WHERE n.i = p.i;
	IF EXISTS (SELECT FROM sample_plan AS p GROUP BY p.customer_code, p.agency HAVING count(*) > 46656) THEN
		RAISE EXCEPTION 'a customer''s sample cases outrun its case designators'
			USING ERRCODE = 'program_limit_exceeded',
			      DETAIL = 'A customer has 46,656 designators per implementing agency.',
			      HINT = 'Ask for fewer open cases.';
	END IF;

	-- Values, then the notifications they call for (which delay offers, and
	-- so move acceptances between fiscal years), twice over so that both
	-- settle on the final dates.
	CREATE TEMP TABLE sample_cells (customer_code text, fy int, scale numeric, open_raw numeric, accepted_raw numeric) ON COMMIT DROP;
	CREATE TEMP TABLE sample_judged (i int PRIMARY KEY, offer_on date, total numeric, mde numeric, dc numeric) ON COMMIT DROP;
	CREATE TEMP TABLE sample_denial_judged (i int PRIMARY KEY, offer_on date) ON COMMIT DROP;
	FOR round IN 1 .. 2 LOOP
		-- Values: scaled in turn so that each customer holds its share of the
		-- open value and each fiscal year's accepted cases its year's FMS
		-- sales (three rounds bring both close), then all by one factor so
		-- that the open cases total $903 billion per 16,000.  The rounds
		-- work on the sums of each customer's cases of each fiscal year;
		-- each factor is held within 1/50 to 50, so that a small sample,
		-- whose sums are sparse, cannot run away, and no case passes $40
		-- billion (the largest LOAs notified are about $30 billion).
		TRUNCATE sample_cells;
		INSERT INTO sample_cells
		SELECT p.customer_code, p.fy, 1.0,
		       COALESCE(sum(p.raw_total) FILTER (WHERE p.status <> ALL (ARRAY['closed', 'cancelled'])), 0) AS open_raw,
		       COALESCE(sum(p.raw_total) FILTER (WHERE p.accepted_on < as_of), 0) AS accepted_raw
		  FROM sample_plan AS p GROUP BY p.customer_code, p.fy;
		FOR k IN 1 .. 3 LOOP
			UPDATE sample_cells AS x SET scale = x.scale * least(greatest(s.factor, 0.02), 50)
			  FROM (SELECT q.customer_code,
			               c.weight / sum(c.weight) OVER () / (sum(q.open_raw * q.scale) / sum(sum(q.open_raw * q.scale)) OVER ()) AS factor
			          FROM sample_cells AS q JOIN sample_customers AS c ON c.customer_code = q.customer_code
			         GROUP BY q.customer_code, c.weight HAVING sum(q.open_raw) > 0) AS s
			 WHERE s.customer_code = x.customer_code;
			UPDATE sample_cells AS x SET scale = x.scale * least(greatest(s.factor, 0.02), 50)
			  FROM (SELECT q.fy,
			               fms.sample_annual_figure(q.fy, false) * (least(make_date(q.fy, 10, 1), as_of) - make_date(q.fy - 1, 10, 1))
			               / sum(q.accepted_raw * q.scale) AS factor
			          FROM sample_cells AS q GROUP BY q.fy HAVING sum(q.accepted_raw) > 0) AS s
			 WHERE s.fy = x.fy;
		END LOOP;
		SELECT open_target / sum(y.open_raw * y.scale) INTO open_factor FROM sample_cells AS y;
		UPDATE sample_plan AS p SET total = least(greatest(round(p.raw_total * x.scale * open_factor, 2), 25000), 40e9)
		  FROM sample_cells AS x WHERE x.customer_code = p.customer_code AND x.fy = p.fy;
		-- What the $40 billion ceiling cut goes to the other cases.
		SELECT (open_target - COALESCE(sum(q.total) FILTER (WHERE q.total >= 40e9), 0))
		       / sum(q.total) FILTER (WHERE q.total < 40e9)
		  INTO open_factor
		  FROM sample_plan AS q WHERE q.status <> ALL (ARRAY['closed', 'cancelled']);
		UPDATE sample_plan AS p SET total = greatest(round(p.total * open_factor, 2), 25000) WHERE p.total < 40e9;
		UPDATE sample_plan AS p SET mde = round(p.total * p.mde_share, 2), dc = round(p.total * p.dc_share, 2);
		-- Congressional notification (36(b)(1)) where the rules require it on
		-- the offer date, and a sale the rules deny then: judged again until
		-- nothing changes, as the delay of a notification moves the offer.
		-- From the third judgement on, a notification once needed stays
		-- (with the longer review), so that an offer the delay moves across
		-- a change of the rules (a country joining NATO+) settles.
		FOR k IN 1 .. 8 LOOP
			-- A judgement is made again only where what it weighs moved (the
			-- offer date, the values; what it last weighed is kept aside, so
			-- that the plan's rows are written only where an answer moves):
			-- the same inputs give the same requirement and the same denial.
			-- The first judgement of each round weighs every case, as it
			-- forgets the notifications kept.
			WITH judgement AS (
				SELECT q.i, q.offer_on, q.total, q.mde, q.dc, r.section, r.review_days, r.informal_days,
				       (q.section, q.review_days, q.informal_days) IS DISTINCT FROM (r.section, r.review_days, r.informal_days) AS moved
				  FROM (SELECT q.i, q.case_id, q.proposed_on, COALESCE(q.offered_on, q.proposed_on + q.g_offer) AS offer_on,
				               q.total, q.mde, q.dc, q.section, q.review_days, q.informal_days
				          FROM sample_plan AS q) AS q
				  LEFT JOIN sample_judged AS w ON w.i = q.i
				  -- asked only where a notification can be needed (in the WHERE of
				  -- the subquery, not the ON, so that it is not called at all)
				  LEFT JOIN LATERAL (SELECT n.* FROM fms.document_requirement(q.case_id, NULL, q.total, q.mde, q.dc, NULL, q.offer_on) AS n
				                      WHERE q.proposed_on IS NOT NULL AND (q.total >= 14e6 OR q.dc >= 200e6)) AS n ON true
				 CROSS JOIN LATERAL (SELECT CASE WHEN n.required THEN n.section WHEN k > 2 THEN q.section END AS section,
				                            CASE WHEN n.required THEN greatest(n.review_days, CASE WHEN k > 2 THEN q.review_days END)
				                                 WHEN k > 2 THEN q.review_days END AS review_days,
				                            CASE WHEN n.required THEN greatest(n.informal_review_days, CASE WHEN k > 2 THEN q.informal_days END)
				                                 WHEN k > 2 THEN q.informal_days END AS informal_days) AS r
				 WHERE k = 1 OR (q.offer_on, q.total, q.mde, q.dc) IS DISTINCT FROM (w.offer_on, w.total, w.mde, w.dc)
			), weighed AS (
				INSERT INTO sample_judged AS w SELECT j.i, j.offer_on, j.total, j.mde, j.dc FROM judgement AS j
				ON CONFLICT (i) DO UPDATE SET offer_on = excluded.offer_on, total = excluded.total, mde = excluded.mde, dc = excluded.dc
			), moved AS (
				UPDATE sample_plan AS p
				   SET section = j.section, review_days = j.review_days, informal_days = j.informal_days,
				       notice_delay = CASE WHEN j.section IS NOT NULL THEN greatest(0, p.g_formal + j.review_days + 1 - p.g_offer) ELSE 0 END
				  FROM judgement AS j
				 WHERE j.i = p.i AND j.moved
				RETURNING p.i
			)
			SELECT count(*) INTO changed FROM moved;
			WITH judgement AS (
				SELECT q.i, q.offer_on,
				       EXISTS (SELECT FROM fms.destination_findings(fms.destination_country(q.customer_code, q.offer_on),
				                                                    'FMS', q.offer_on) AS f
				                WHERE f.severity = 'deny') AS denied
				  FROM (SELECT q.i, q.customer_code, COALESCE(q.offered_on, q.proposed_on + q.g_offer) AS offer_on
				          FROM sample_plan AS q JOIN sample_customers AS c ON c.customer_code = q.customer_code
				         WHERE c.sensitive AND q.proposed_on IS NOT NULL AND NOT q.denied) AS q
				  LEFT JOIN sample_denial_judged AS w ON w.i = q.i
				 WHERE q.offer_on IS DISTINCT FROM w.offer_on
			), weighed AS (
				INSERT INTO sample_denial_judged AS w SELECT j.i, j.offer_on FROM judgement AS j
				ON CONFLICT (i) DO UPDATE SET offer_on = excluded.offer_on
			), denied AS (
				UPDATE sample_plan AS p SET denied = true FROM judgement AS j WHERE j.i = p.i AND j.denied RETURNING p.i
			)
			SELECT count(*) INTO newly_denied FROM denied;
			EXIT WHEN changed + newly_denied = 0;
			PERFORM fms.sample_plan_dates(as_of);
		END LOOP;
	END LOOP;
	ANALYZE sample_plan;
	-- Each case is written by many statements: its flows and balances are
	-- derived once, when the capacity below first reads them.
	SET CONSTRAINTS fms.recompute_kept_data DEFERRED;
	PERFORM fms.sample_write_cases(as_of);
	PERFORM fms.sample_write_licences(per_16000, as_of);
	SET CONSTRAINTS fms.recompute_kept_data IMMEDIATE;
	PERFORM fms.sample_write_capacity(as_of);
	PERFORM set_config('fms.reason', COALESCE(saved_reason, ''), true);

	RETURN QUERY
	SELECT v.what, v.how_many FROM (VALUES
		(1, 'customers', (SELECT count(*) FROM fms.customers)),
		(2, 'cases', (SELECT count(*) FROM fms.cases)),
		(3, 'open cases', (SELECT count(*) FROM fms.cases AS c WHERE c.status <> ALL (ARRAY['closed', 'cancelled']))),
		(4, 'amendments and modifications', (SELECT count(*) FROM fms.case_changes)),
		(5, 'congressional notifications', (SELECT count(*) FROM fms.congressional_notifications)),
		(6, 'DCS licences', (SELECT count(*) FROM fms.dcs_licenses)),
		(7, 'status changes logged', (SELECT count(*) FROM fms.transition_log) + (SELECT count(*) FROM fms.row_transition_log)),
		(8, 'case lines', (SELECT count(*) FROM fms.case_lines)),
		(9, 'deliveries', (SELECT count(*) FROM fms.deliveries)),
		(10, 'payments due', (SELECT count(*) FROM fms.payment_schedule)),
		(11, 'collections', (SELECT count(*) FROM fms.collections)),
		(12, 'production capacities', (SELECT count(*) FROM fms.production_capacity))) AS v(n, what, how_many)
	 ORDER BY v.n;
END
$$;
COMMENT ON FUNCTION fms.generate_sample_data(pg_catalog.int4, pg_catalog.int4, pg_catalog.date) IS 'fills an empty database with a sample portfolio shaped like the public figures, through the workflow engine and its guards: cases open cases on as_of (default 16,000, $903 billion) with their history, lines, deliveries, payments and notifications, and the DCS licences of the last full and the current fiscal year; the same for a seed and as_of, byte for byte';
