/* src/sql/implementing_agencies_seed.sql -- the agency codes the sources give */

INSERT INTO fms.implementing_agencies (agency_code, name, source, origin) VALUES
	('B', 'Department of the Army', 'Seen throughout public case identifiers (congressional notifications, press releases); not confirmed in SAMM Table C1.T1. Unconfirmed.', 'shipped'),
	('D', 'Department of the Air Force', 'Seen throughout public case identifiers (congressional notifications, press releases); not confirmed in SAMM Table C1.T1. Unconfirmed.', 'shipped'),
	('F', 'Defense Contract Management Agency (DCMA)', 'DSCA Policy 01-04: basic LOAs offered on or after 2001-04-01 (https://samm.dsca.mil/policy-memoranda/dsca-01-04). Confirmed.', 'shipped'),
	('P', 'Department of the Navy', 'Seen throughout public case identifiers (congressional notifications, press releases); not confirmed in SAMM Table C1.T1. Unconfirmed.', 'shipped'),
	('R', 'Defense Logistics Agency (legacy code of DCMA cases offered before 2001-04-01)', 'DSCA Policy 01-04: DCMA cases from before April 2001, under DLA, kept the R code (https://samm.dsca.mil/policy-memoranda/dsca-01-04). Confirmed.', 'shipped');
