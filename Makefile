# fms: Foreign Military Sales case data inside PostgreSQL (PGXS build)

EXTENSION   = fms
EXTVERSION  = $(shell sed -n "s/^default_version[[:space:]]*=[[:space:]]*'\([^']*\)'.*/\1/p" $(EXTENSION).control)

MODULE_big  = fms
OBJS        = $(patsubst %.c,%.o,$(sort $(wildcard src/*.c)))
# Fits kept between reads are valid for the forecasting core that made them:
# the digest of its source is built into fms.forecast_build().
FORECAST_SOURCE_DIGEST = $(shell cat $(srcdir)/src/forecast.c $(srcdir)/src/forecast.h | sha256sum | cut -c1-16)
PG_CPPFLAGS = -I$(srcdir)/src -DFMS_VERSION=\"$(EXTVERSION)\" -DFMS_FORECAST_SOURCE=\"$(FORECAST_SOURCE_DIGEST)\"
# Export only the symbols the server looks up (GNU ld and compatible linkers).
SHLIB_LINK  = -Wl,--version-script=$(srcdir)/src/exports.map

# The install script is built from one file per concern, in this order: each
# table is created whole in its file, with its seed rows beside it; only
# seeded_tables.sql attaches to the seeded tables the triggers that tell
# user edits from shipped rows (after the seeds are in), and roles.sql, last,
# takes from PUBLIC what every function created before gave it and makes
# every view run as its invoker.
# Top-level sql/ holds regression tests only and is never installed.
SCRIPT_PARTS = $(addprefix src/sql/, \
	schema.sql \
	case_id.sql \
	usml.sql \
	settings.sql \
	cache_invalidation.sql \
	citus_shards.sql \
	reference_tables.sql \
	countries_seed.sql \
	implementing_agencies_seed.sql \
	reference_rows.sql \
	country_groups.sql \
	itar_126_1_exceptions.sql \
	customers.sql \
	country_regions.sql \
	policy_settings.sql \
	workflow.sql \
	workflow_guards.sql \
	workflow_seed.sql \
	transition_log.sql \
	funding_sources.sql \
	cases.sql \
	offer_restatements.sql \
	items.sql \
	case_lines.sql \
	case_history.sql \
	calendar.sql \
	lead_times.sql \
	notification_rules.sql \
	dcs_licenses.sql \
	congressional_notifications.sql \
	export_findings.sql \
	dcs_license_clock.sql \
	deliveries.sql \
	case_flows.sql \
	case_money.sql \
	case_keeping.sql \
	demand_keeping.sql \
	data_loss_guard.sql \
	row_security.sql \
	reporting.sql \
	demand.sql \
	forecasting.sql \
	supply.sql \
	sample_data.sql \
	seeded_tables.sql \
	roles.sql)
DATA_built  = $(EXTENSION)--$(EXTVERSION).sql
DATA        = $(wildcard src/sql/$(EXTENSION)--*--*.sql)
DOCS        = README.md

REGRESS     = setup \
	case_id_input case_id_ops case_id_binary \
	usml_input usml_ops \
	reference_data workflow workflow_definitions workflow_integrity calendar lead_times country_groups notification export_control case_lines case_flows sample_data reporting forecasting log_seal log_writes roles row_security hostile_input security \
	catalog_lint
REGRESS_OPTS = --encoding=UTF8
ISOLATION   = workflow_concurrency kept_case_data
ISOLATION_OPTS = --inputdir=test/isolation

PG_CONFIG  ?= pg_config
PGXS       := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

$(EXTENSION)--$(EXTVERSION).sql: $(SCRIPT_PARTS)
	cat $^ > $@

$(OBJS): $(wildcard $(srcdir)/src/*.h)
src/forecast_fmgr.o: $(srcdir)/src/forecast.c
$(shlib): $(srcdir)/src/exports.map

# The suites beyond installcheck, for packagers: like installcheck they use
# the running server the PG* variables name, with fms installed.
FUZZ_SECONDS ?= 20
.PHONY: installcheck-pgtap installcheck-dump installcheck-upgrade installcheck-odbc installcheck-sample fuzz
installcheck-pgtap:
	dropdb --if-exists fms_pgtap
	createdb fms_pgtap
	psql -X -q -v ON_ERROR_STOP=1 -d fms_pgtap -c "CREATE EXTENSION fms CASCADE" -c "CREATE EXTENSION pgtap"
	pg_prove -v -d fms_pgtap test/pgtap/*.sql
installcheck-dump:
	bash test/dump_restore.sh
installcheck-upgrade:
	PG_CONFIG=$(PG_CONFIG) bash test/upgrade.sh
installcheck-odbc:
	bash test/odbc/run.sh
installcheck-sample:
	bash test/sample/run.sh
fuzz:
	bash test/fuzz/run.sh $(FUZZ_SECONDS)

# The forecasting core by itself: recursions worked by hand, statsmodels'
# numbers, the error paths (test/forecast/), under the sanitizers.
.PHONY: check-forecast
check-forecast:
	mkdir -p test/forecast/build
	$(CC) -std=c99 -g -O1 -Wall -Wextra -Werror -fsanitize=address,undefined -fno-sanitize-recover=all \
		-I$(srcdir)/src test/forecast/check_forecast.c src/forecast.c -lm -o test/forecast/build/check_forecast
	test/forecast/build/check_forecast

# The committed countries seed must match the iso-codes list it came from.
.PHONY: check-seed
check-seed:
	perl src/tools/generate_countries_seed.pl | diff -u src/sql/countries_seed.sql -
