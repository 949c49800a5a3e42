/* src/sql/items.sql -- the items case lines sell, with what is known about them */

-- A line that names an item inherits its description, USML entry and
-- flags (case_lines.sql).  Whether an item is significant military
-- equipment is set by the USML (22 CFR part 120: items marked with an
-- asterisk; 120.7 before the 2022 reorganization of part 120, whose new
-- section number is not recorded here); whether it is major
-- defense equipment by 22 U.S.C. 2794(6): significant military equipment
-- with more than $50,000,000 of nonrecurring research and development cost
-- or more than $200,000,000 of total production cost.  Each flag carries
-- its source.
CREATE TABLE fms.items (
	item_code pg_catalog.text PRIMARY KEY
		CONSTRAINT item_code_is_uppercase_letters_digits_blanks_hyphens
		CHECK (item_code OPERATOR(pg_catalog.~) '^[A-Z0-9][A-Z0-9 -]{0,19}$'),
	description pg_catalog.text NOT NULL,
	usml fms.usml,
	sme pg_catalog.bool NOT NULL DEFAULT false,
	sme_source pg_catalog.text,
	mde pg_catalog.bool NOT NULL DEFAULT false,
	mde_source pg_catalog.text,
	CONSTRAINT mde_is_sme CHECK (NOT mde OR sme),
	CONSTRAINT flags_name_their_source
		CHECK ((NOT sme OR sme_source IS NOT NULL) AND (NOT mde OR mde_source IS NOT NULL))
);
SELECT pg_catalog.pg_extension_config_dump('fms.items', '');
COMMENT ON TABLE fms.items IS 'reference items (MASL-like codes) that case lines sell: description, USML entry, and whether each is significant military equipment and major defense equipment, with the source of each flag; shipped empty, load your own';
COMMENT ON COLUMN fms.items.item_code IS 'item code (a MASL number or a generic code): uppercase letters, digits, blanks and hyphens, up to 20';
COMMENT ON COLUMN fms.items.description IS 'what the item is';
COMMENT ON COLUMN fms.items.usml IS 'U.S. Munitions List entry';
COMMENT ON COLUMN fms.items.sme IS 'significant military equipment (ITAR, 22 CFR part 120: the USML''s asterisked items)';
COMMENT ON COLUMN fms.items.sme_source IS 'why the item is SME (e.g. the asterisked USML paragraph)';
COMMENT ON COLUMN fms.items.mde IS 'major defense equipment: SME with more than $50M of nonrecurring R&D or $200M of total production cost (22 U.S.C. 2794(6))';
COMMENT ON COLUMN fms.items.mde_source IS 'why the item is MDE (the program''s R&D or production cost and where it is published)';
